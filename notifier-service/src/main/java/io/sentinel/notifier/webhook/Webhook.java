package io.sentinel.notifier.webhook;

import io.sentinel.notifier.notification.NotificationKind;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * A receiver of notifications.
 *
 * @param secret signs every delivery (see {@link WebhookSignature}); never logged
 * @param events the kinds it receives; all of them when none are listed
 */
public record Webhook(String name, URI url, String secret, Set<NotificationKind> events) {

    public Webhook {
        events = events == null || events.isEmpty() ? EnumSet.allOf(NotificationKind.class) : Set.copyOf(events);
    }

    public boolean wants(NotificationKind kind) {
        return events.contains(kind);
    }

    /** Without the secret: configuration objects end up in logs and error messages. */
    @Override
    public String toString() {
        return "Webhook[name=" + name + ", url=" + url + ", events=" + events + "]";
    }
}
