package io.sentinel.collector.series;

import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.Map;

/**
 * One value of one series as a source reported it, before it becomes a signal.
 *
 * @param timestamp when the source says the value was measured, or null when it did not say (the
 *                  usual case for exposition text); see {@link #toMetricSample(Instant)}
 */
public record Sample(String name, Map<String, String> labels, double value, Instant timestamp) {

    public Sample {
        if (!SeriesNames.isMetricName(name)) {
            throw new IllegalArgumentException("not a metric name: '" + name + "'");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public Sample(String name, Map<String, String> labels, double value) {
        this(name, labels, value, null);
    }

    /** The signal form; a sample without its own timestamp is dated {@code collectedAt}. */
    public MetricSample toMetricSample(Instant collectedAt) {
        return new MetricSample(name, labels, value, timestamp != null ? timestamp : collectedAt);
    }
}
