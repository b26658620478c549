package io.sentinel.collector.prometheus;

import io.sentinel.collector.prometheus.PrometheusAnswer.Data;
import io.sentinel.collector.prometheus.PrometheusAnswer.Failed;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the recent history of queries that declare a {@code backfill}, once per start, so that
 * the detector can build baselines without waiting days for live rounds. History is published as
 * {@link MetricBatch}es with source {@code prometheus-backfill}, one per resource and instant, dated
 * at their historic times; the detector uses such batches for baselines only. A query whose history
 * Prometheus could not give is tried again after the next round it answers.
 */
public final class PrometheusBackfill {

    /** {@link MetricBatch#source()} of history. */
    public static final String SOURCE = "prometheus-backfill";
    private static final Logger log = LoggerFactory.getLogger(PrometheusBackfill.class);
    /** Batches per publication, so that a long history never sits in the producer all at once. */
    private static final int BATCHES_PER_PUBLICATION = 500;

    private final PrometheusProperties properties;
    private final PrometheusClient client;
    private final DirectEventPublisher publisher;
    private final PrometheusMetrics metrics;
    private final Clock clock;
    private final Set<Integer> pending = new LinkedHashSet<>();

    public PrometheusBackfill(PrometheusProperties properties, PrometheusClient client, DirectEventPublisher publisher, PrometheusMetrics metrics,
                              Clock clock) {
        this.properties = properties;
        this.client = client;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        for (int i = 0; i < properties.queries().size(); i++) {
            if (properties.queries().get(i).backfills()) {
                pending.add(i);
            }
        }
    }

    public synchronized boolean pending() {
        return !pending.isEmpty();
    }

    /** Asks for the history of every query still without it; publishes what Prometheus answers. */
    public synchronized void runPending() {
        Instant now = clock.instant();
        for (Integer index : List.copyOf(pending)) {
            PrometheusQuery query = properties.queries().get(index);
            long step = query.backfillStep().toMillis();
            // Aligned on the step, so that history lands on round hours (or whatever the step is).
            Instant end = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
            Instant start = end.minus(query.backfill());
            switch (client.queryRange(query.expression(), start, end, query.backfillStep())) {
                case Data data -> {
                    if (publish(query, data, start, end)) {
                        pending.remove(index);
                    }
                }
                case Failed failed -> log.warn("prometheus backfill failed; trying again after the next round signal={} query=\"{}\" reason=\"{}\"",
                        query.signal(), query.promql(), failed.reason());
            }
        }
    }

    private boolean publish(PrometheusQuery query, Data data, Instant start, Instant end) {
        metrics.skipped("non-finite", data.nonFiniteValues());
        var assembly = new BatchAssembly(SOURCE, properties.labels()).addHistory(query, data.series());
        metrics.skipped("no-resource-label", assembly.withoutResource());
        List<MetricBatch> batches = assembly.batches();
        int samples = 0;
        try {
            for (int from = 0; from < batches.size(); from += BATCHES_PER_PUBLICATION) {
                List<MetricBatch> chunk = new ArrayList<>(batches.subList(from, Math.min(batches.size(), from + BATCHES_PER_PUBLICATION)));
                publisher.publishAll(chunk);
                int published = chunk.stream().mapToInt(batch -> batch.samples().size()).sum();
                metrics.backfilled(published);
                samples += published;
            }
        } catch (RuntimeException e) {
            log.warn("could not publish prometheus backfill; trying again after the next round signal={} publishedSamples={} reason=\"{}\"",
                    query.signal(), samples, e.getMessage());
            return false;
        }
        log.info("prometheus backfill published signal={} from={} to={} step={} batches={} samples={} withoutResource={}", query.signal(),
                start, end, query.backfillStep(), batches.size(), samples, assembly.withoutResource());
        return true;
    }
}
