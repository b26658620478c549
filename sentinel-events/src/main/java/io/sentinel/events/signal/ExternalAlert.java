package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.Map;

/**
 * An alert raised by another system (Alertmanager), firing or resolved.
 *
 * @param fingerprint the sender's identity of the alert (Alertmanager's fingerprint), stable across repeats
 * @param endsAt      when the sender considers it over; null while firing without an end
 */
public record ExternalAlert(String source, String resource, String fingerprint, AlertStatus status, Map<String, String> labels,
                            Map<String, String> annotations, Instant startsAt, Instant endsAt, String generatorUrl, Instant receivedAt)
        implements SignalEvent {

    public ExternalAlert {
        EventFields.requireText(source, "source");
        EventFields.requireText(resource, "resource");
        EventFields.requireText(fingerprint, "fingerprint");
        EventFields.require(status, "status");
        labels = EventFields.copyOf(labels);
        annotations = EventFields.copyOf(annotations);
        EventFields.require(startsAt, "startsAt");
        EventFields.require(receivedAt, "receivedAt");
    }

    /** The alert's name, as Alertmanager labels it. */
    public String alertName() {
        return labels.getOrDefault("alertname", fingerprint);
    }
}
