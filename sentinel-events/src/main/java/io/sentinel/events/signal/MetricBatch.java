package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The metric samples collected from one resource in one collection round.
 *
 * @param source      how they were collected, e.g. {@code scrape} or {@code prometheus}
 * @param labels      labels that identify the resource (environment, service, instance)
 * @param target      the inventory target the resource is, as the collector's own configuration says
 *                    (a scrape target, a Prometheus query's resource label); absent when it does not say
 */
public record MetricBatch(String source, String resource, Map<String, String> labels, Instant collectedAt, List<MetricSample> samples,
                          String target)
        implements SignalEvent {

    public MetricBatch {
        EventFields.requireText(source, "source");
        EventFields.requireText(resource, "resource");
        labels = EventFields.copyOf(labels);
        EventFields.require(collectedAt, "collectedAt");
        samples = EventFields.copyOf(samples);
        target = EventFields.optionalText(target);
    }
}
