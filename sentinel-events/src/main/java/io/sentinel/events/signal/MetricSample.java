package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.Map;

/** One value of one series at one instant. Non-finite values never reach the wire. */
public record MetricSample(String name, Map<String, String> labels, double value, Instant at) {

    public MetricSample {
        EventFields.requireText(name, "name");
        labels = EventFields.copyOf(labels);
        EventFields.requireFinite(value, "value");
        EventFields.require(at, "at");
    }
}
