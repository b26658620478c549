package io.sentinel.gateway.auth;

/** How a person reached the gateway; audit entries name it, so that a vote can be traced to the door it came through. */
public enum Channel {
    /** An API key ({@code Authorization: Bearer snl_…} or {@code X-API-Key}). */
    API_KEY("api-key"),
    /** A JWT from the company's identity provider (single sign-on). */
    SSO("sso"),
    /** A button in Slack, by a Slack user an admin mapped to a person. */
    SLACK("slack");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** How audit entries and logs name the channel. */
    public String label() {
        return label;
    }
}
