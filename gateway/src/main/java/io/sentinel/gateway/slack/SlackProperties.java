package io.sentinel.gateway.slack;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slack approvals: {@code POST /api/slack/interactions}, where Slack sends the Approve and Reject
 * buttons of Sentinel's approval messages. Off while no signing secret is configured.
 *
 * @param signingSecret      the Slack app's signing secret (Basic Information → App Credentials), from
 *                           {@code SENTINEL_SLACK_SIGNING_SECRET}; every request must be signed with it. Blank: off
 * @param maxClockSkew       a request whose {@code X-Slack-Request-Timestamp} is further than this from
 *                           the gateway's clock is refused, and a request's signature is remembered this
 *                           long, so a replay is refused for as long as the request could be taken
 * @param responseUrlOrigins where the gateway may post its answers (the {@code response_url} Slack
 *                           names in each request): scheme, host and port exactly; any other URL in a
 *                           payload is never called
 * @param maxBodyBytes       a larger request is refused (413) before it is verified or parsed
 * @param responseTimeout    how long posting an answer to the {@code response_url} may take
 */
@ConfigurationProperties(SlackProperties.PREFIX)
public record SlackProperties(String signingSecret, @DefaultValue("5m") Duration maxClockSkew,
                              @DefaultValue("https://hooks.slack.com") List<URI> responseUrlOrigins,
                              @DefaultValue("65536") int maxBodyBytes, @DefaultValue("5s") Duration responseTimeout) {

    static final String PREFIX = "sentinel.gateway.slack";
    /** Slack's own advice; more would widen the replay window for nothing. */
    static final Duration MAX_SKEW_LIMIT = Duration.ofMinutes(5);

    public SlackProperties {
        signingSecret = signingSecret == null || signingSecret.isBlank() ? null : signingSecret.strip();
        if (maxClockSkew == null || maxClockSkew.isNegative() || maxClockSkew.isZero() || maxClockSkew.compareTo(MAX_SKEW_LIMIT) > 0) {
            throw new IllegalArgumentException(PREFIX + ".max-clock-skew must be a positive duration of at most 5m, was " + maxClockSkew);
        }
        responseUrlOrigins = responseUrlOrigins == null ? List.of() : List.copyOf(responseUrlOrigins);
        for (URI origin : responseUrlOrigins) {
            if (!ResponseUrls.isOrigin(origin)) {
                throw new IllegalArgumentException(PREFIX + ".response-url-origins must hold origins such as https://hooks.slack.com "
                        + "(scheme, host and optionally port; no path), was " + origin);
            }
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException(PREFIX + ".max-body-bytes must be at least 1024, was " + maxBodyBytes);
        }
        if (responseTimeout == null || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".response-timeout must be a positive duration, e.g. 5s, was " + responseTimeout);
        }
    }

    public boolean enabled() {
        return signingSecret != null;
    }

    @Override
    public String toString() {
        return "SlackProperties[signingSecret=" + (signingSecret == null ? "unset" : "(set, not shown)") + ", maxClockSkew=" + maxClockSkew
                + ", responseUrlOrigins=" + responseUrlOrigins + ", maxBodyBytes=" + maxBodyBytes + ", responseTimeout=" + responseTimeout + "]";
    }
}
