package io.sentinel.collector.prometheus;

import io.sentinel.collector.prometheus.PrometheusAnswer.Point;
import io.sentinel.collector.prometheus.PrometheusAnswer.Series;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups the series of query answers into one {@link MetricBatch} per resource (the value of each
 * query's resource label), so the signals of one host or pod travel together, keyed by it. Series
 * without the resource label belong to no resource and are counted, not published.
 * <p>
 * A batch names as its {@link MetricBatch#target() target} the value of the resource label, when that
 * value is an inventory target name (a pod, a job; an {@code instance} of {@code host:port} is not):
 * Prometheus and its queries are the operator's configuration. No other label can name the target,
 * whatever the scraped application writes into its series.
 */
final class BatchAssembly {

    private final String source;
    private final Map<String, String> labels;
    private final Map<Key, Builder> batches = new LinkedHashMap<>();
    private int withoutResource;

    /**
     * @param source {@link MetricBatch#source()}: {@code prometheus}, or {@code prometheus-backfill} for history
     * @param labels added to every batch (the configured {@code sentinel.collector.prometheus.labels})
     */
    BatchAssembly(String source, Map<String, String> labels) {
        this.source = source;
        this.labels = Map.copyOf(labels);
    }

    /** Adds every point of the series to its resource's batch collected at {@code collectedAt}. */
    BatchAssembly add(PrometheusQuery query, List<Series> series, Instant collectedAt) {
        return add(query, series, point -> collectedAt);
    }

    /** Adds every point to a batch of its own instant: history, as if it had been collected then. */
    BatchAssembly addHistory(PrometheusQuery query, List<Series> series) {
        return add(query, series, Point::at);
    }

    private BatchAssembly add(PrometheusQuery query, List<Series> series, Function<Point, Instant> collectedAt) {
        for (Series one : series) {
            String resource = resource(query, one);
            if (resource != null) {
                for (Point point : one.points()) {
                    builder(query, resource, collectedAt.apply(point)).add(query, one, point);
                }
            }
        }
        return this;
    }

    List<MetricBatch> batches() {
        return batches.entrySet().stream()
                .map(batch -> new MetricBatch(source, batch.getKey().resource(), batch.getValue().labels, batch.getKey().collectedAt(),
                        batch.getValue().samples, targetOf(batch.getKey().resource())))
                .toList();
    }

    /** The resource as an inventory target name, or none when it cannot be one. */
    static String targetOf(String resource) {
        return TargetRef.NAME.matcher(resource).matches() ? resource : null;
    }

    /** Series skipped because they lacked their query's resource label. */
    int withoutResource() {
        return withoutResource;
    }

    private String resource(PrometheusQuery query, Series series) {
        String resource = series.labels().get(query.resourceLabel());
        if (resource == null || resource.isBlank()) {
            withoutResource++;
            return null;
        }
        return resource;
    }

    private Builder builder(PrometheusQuery query, String resource, Instant collectedAt) {
        Builder builder = batches.computeIfAbsent(new Key(resource, collectedAt), key -> new Builder(labels));
        builder.labels.putIfAbsent(query.resourceLabel(), resource);
        return builder;
    }

    private record Key(String resource, Instant collectedAt) {
    }

    private static final class Builder {
        private final Map<String, String> labels;
        private final List<MetricSample> samples = new ArrayList<>();

        Builder(Map<String, String> labels) {
            this.labels = new HashMap<>(labels);
        }

        void add(PrometheusQuery query, Series series, Point point) {
            Map<String, String> kept = new HashMap<>();
            for (String label : query.keepLabels()) {
                String value = series.labels().get(label);
                if (value != null) {
                    kept.put(label, value);
                }
            }
            samples.add(new MetricSample(query.signal(), kept, point.value(), point.at()));
        }
    }
}
