package io.sentinel.collector.prometheus;

import io.sentinel.collector.prometheus.PrometheusAnswer.Data;
import io.sentinel.collector.prometheus.PrometheusAnswer.Failed;
import io.sentinel.collector.source.SourceSelection;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of instant queries, all evaluated at the same instant so that a resource's signals in
 * one batch describe one moment, then one publication of every resource's batch. Reports to the
 * {@link SourceSelection} whether Prometheus answered, and says so in the log when that switches
 * the collector to or from scraping the targets itself. Rounds run one at a time.
 */
public final class PrometheusRound {

    /** {@link MetricBatch#source()} of what Prometheus answered. */
    public static final String SOURCE = "prometheus";
    private static final Logger log = LoggerFactory.getLogger(PrometheusRound.class);
    /** Prometheus evaluates 20 queries at once by default; leave room for its other clients. */
    private static final int CONCURRENT_QUERIES = 8;

    private final PrometheusProperties properties;
    private final PrometheusClient client;
    private final SourceSelection selection;
    private final DirectEventPublisher publisher;
    private final PrometheusMetrics metrics;
    private final Clock clock;
    private final int scrapeTargets;
    /** Per query (by position): why it fails, or what Prometheus warned, as last logged. Bounded by the query list. */
    private final Map<Integer, String> failing = new HashMap<>();
    private final Map<Integer, String> warned = new HashMap<>();
    private final Set<Integer> reportedWithoutResource = new HashSet<>();

    /** @param scrapeTargets how many targets the fallback would scrape, for the log line announcing it */
    public PrometheusRound(PrometheusProperties properties, PrometheusClient client, SourceSelection selection, DirectEventPublisher publisher,
                           PrometheusMetrics metrics, Clock clock, int scrapeTargets) {
        this.properties = properties;
        this.client = client;
        this.selection = selection;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.scrapeTargets = scrapeTargets;
    }

    /** @return whether Prometheus answered: at least one query succeeded */
    public synchronized boolean run() {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<PrometheusQuery> queries = properties.queries();
        List<PrometheusAnswer> answers = ask(queries, at);
        if (answers.stream().noneMatch(Data.class::isInstance)) {
            String reason = answers.stream().map(answer -> ((Failed) answer).reason()).findFirst().orElse("no queries");
            metrics.round(false);
            announce(selection.prometheusFailed(at, reason));
            return false;
        }
        var assembly = new BatchAssembly(SOURCE, properties.labels());
        for (int i = 0; i < queries.size(); i++) {
            PrometheusQuery query = queries.get(i);
            switch (answers.get(i)) {
                case Data data -> {
                    recovered(i, query);
                    warnings(i, query, data.warnings());
                    metrics.skipped("non-finite", data.nonFiniteValues());
                    int before = assembly.withoutResource();
                    assembly.add(query, data.series(), at);
                    withoutResource(i, query, assembly.withoutResource() - before);
                }
                case Failed failed -> failing(i, query, failed.reason());
            }
        }
        publish(assembly.batches());
        metrics.round(true);
        announce(selection.prometheusAnswered(at));
        return true;
    }

    private List<PrometheusAnswer> ask(List<PrometheusQuery> queries, Instant at) {
        var permits = new Semaphore(CONCURRENT_QUERIES);
        List<Future<PrometheusAnswer>> pending = new ArrayList<>(queries.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PrometheusQuery query : queries) {
                pending.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        long started = System.nanoTime();
                        PrometheusAnswer answer = client.query(query.expression(), at);
                        metrics.queried(query.signal(), answer, Duration.ofNanos(System.nanoTime() - started));
                        return answer;
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<PrometheusAnswer> answers = new ArrayList<>(queries.size());
        for (Future<PrometheusAnswer> answer : pending) {
            try {
                answers.add(answer.get());
            } catch (ExecutionException e) {
                answers.add(new Failed(String.valueOf(e.getCause()), false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers.add(new Failed("interrupted", false));
            }
        }
        return answers;
    }

    private void publish(List<MetricBatch> batches) {
        if (batches.isEmpty()) {
            log.debug("prometheus answered no series for any query; nothing to publish");
            return;
        }
        int samples = batches.stream().mapToInt(batch -> batch.samples().size()).sum();
        try {
            publisher.publishAll(batches);
            metrics.published(samples);
        } catch (RuntimeException e) {
            // Signals are a stream, not a ledger: the next round publishes fresher values.
            log.warn("could not publish prometheus signals batches={} samples={} reason=\"{}\"", batches.size(), samples, e.getMessage());
        }
    }

    private void announce(SourceSelection.Switch change) {
        switch (change) {
            case SourceSelection.Switch.FellBack fellBack -> {
                if (scrapeTargets > 0) {
                    log.warn("prometheus not answering; falling back to scraping the targets directly url={} failedRounds={} targets={} reason=\"{}\"",
                            properties.url(), fellBack.failedRounds(), scrapeTargets, fellBack.reason());
                } else {
                    log.warn("prometheus not answering and no scrape targets to fall back to (sentinel.collector.scrape.targets): no metric "
                            + "signals until it answers url={} failedRounds={} reason=\"{}\"", properties.url(), fellBack.failedRounds(),
                            fellBack.reason());
                }
            }
            case SourceSelection.Switch.BackToPrometheus back -> log.info(
                    "prometheus answers again; stopped scraping the targets directly url={} failedRounds={} degradedFor={}",
                    properties.url(), back.failedRounds(), back.degradedFor());
            case SourceSelection.Switch.Stay stay -> {
                if (stay.state().lastError() != null && !stay.state().degraded()) {
                    log.info("prometheus round failed url={} consecutiveFailures={} fallbackAfter={} reason=\"{}\"", properties.url(),
                            stay.state().consecutiveFailures(), selection.fallbackAfter(), stay.state().lastError());
                }
            }
        }
    }

    /** A query failing while others succeed is the query's problem (or its metrics'), said once per distinct reason. */
    private void failing(int index, PrometheusQuery query, String reason) {
        if (!reason.equals(failing.put(index, reason))) {
            log.warn("prometheus query failing signal={} query=\"{}\" reason=\"{}\"", query.signal(), query.promql(), reason);
        }
    }

    private void recovered(int index, PrometheusQuery query) {
        if (failing.remove(index) != null) {
            log.info("prometheus query answers again signal={} query=\"{}\"", query.signal(), query.promql());
        }
    }

    private void warnings(int index, PrometheusQuery query, List<String> warnings) {
        metrics.warned(warnings.size());
        String text = String.join("; ", warnings);
        if (warnings.isEmpty()) {
            warned.remove(index);
        } else if (!text.equals(warned.put(index, text))) {
            log.warn("prometheus warns about query signal={} query=\"{}\" warnings=\"{}\"", query.signal(), query.promql(), text);
        }
    }

    private void withoutResource(int index, PrometheusQuery query, int series) {
        metrics.skipped("no-resource-label", series);
        if (series > 0 && reportedWithoutResource.add(index)) {
            log.warn("prometheus query answers series without their resource label; they are not published signal={} query=\"{}\" "
                    + "resourceLabel={} series={}", query.signal(), query.promql(), query.resourceLabel(), series);
        }
    }
}
