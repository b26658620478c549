package io.sentinel.notifier.notification;

/**
 * What a notification is about. Webhooks subscribe to kinds by their configuration name
 * ({@code incident-opened}); payloads and the {@code X-Sentinel-Event} header carry the wire name
 * ({@code incident.opened}).
 */
public enum NotificationKind {
    INCIDENT_OPENED("incident.opened"),
    APPROVAL_REQUESTED("approval.requested"),
    INCIDENT_RESOLVED("incident.resolved"),
    INCIDENT_ESCALATED("incident.escalated");

    private final String wireName;

    NotificationKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind a wire name ({@code incident.opened}) stands for. */
    public static NotificationKind ofWireName(String wireName) {
        for (NotificationKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no notification kind is called '" + wireName + "'");
    }
}
