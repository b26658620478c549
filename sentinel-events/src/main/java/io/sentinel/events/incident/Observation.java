package io.sentinel.events.incident;

import io.sentinel.events.EventFields;
import java.time.Instant;

/**
 * What the detector saw when it decided: the signal, its value and the threshold it was held against,
 * or for non-numeric rules (a new error fingerprint, a missed heartbeat) a description in {@code detail}.
 */
public record Observation(String signal, Double value, Double threshold, String detail, Instant observedAt) {

    public Observation {
        EventFields.requireText(signal, "signal");
        EventFields.require(observedAt, "observedAt");
        if (value != null) {
            EventFields.requireFinite(value, "value");
        }
        if (threshold != null) {
            EventFields.requireFinite(threshold, "threshold");
        }
    }
}
