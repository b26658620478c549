package io.sentinel.collector.scrape;

import io.sentinel.collector.derive.CanonicalSignals;
import io.sentinel.collector.series.Sample;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over every target, all at once: a slow or dead target costs the others nothing, and a
 * round takes as long as its slowest target (bounded by the scrape timeout). Each target's batch is
 * published as soon as it is read.
 */
public final class ScrapeRound {

    private static final Logger log = LoggerFactory.getLogger(ScrapeRound.class);

    private final List<ScrapeTarget> targets;
    private final TargetScraper scraper;
    private final CanonicalSignals signals;
    private final ScrapeTargetHealth health;
    private final TargetHealthStore store;
    private final DirectEventPublisher publisher;
    private final ScrapeMetrics metrics;

    public ScrapeRound(List<ScrapeTarget> targets, TargetScraper scraper, CanonicalSignals signals, ScrapeTargetHealth health,
                       TargetHealthStore store, DirectEventPublisher publisher, ScrapeMetrics metrics) {
        this.targets = List.copyOf(targets);
        this.scraper = scraper;
        this.signals = signals;
        this.health = health;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public void run() {
        var scraped = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ScrapeTarget target : targets) {
                threads.execute(() -> {
                    if (scrapeGuarded(target)) {
                        scraped.incrementAndGet();
                    }
                });
            }
        }
        metrics.round(scraped.get() > 0);
    }

    /** @return whether the target answered */
    private boolean scrapeGuarded(ScrapeTarget target) {
        try {
            return scrape(target);
        } catch (RuntimeException e) {
            log.error("scrape round failed for target={}", target.name(), e);
            return false;
        }
    }

    private boolean scrape(ScrapeTarget target) {
        long started = System.nanoTime();
        ScrapeOutcome outcome = scraper.scrape(target);
        metrics.attempted(target.name(), outcome, Duration.ofNanos(System.nanoTime() - started));
        track(target, outcome);
        if (outcome instanceof ScrapeOutcome.Scraped scraped) {
            metrics.skipped(target.name(), scraped.exposition());
            publish(target, scraped);
            return true;
        }
        return false;
    }

    private void track(ScrapeTarget target, ScrapeOutcome outcome) {
        ScrapeTargetHealth.Change change = health.record(target, outcome);
        TargetHealth after = change.after();
        if (change.statusChanged()) {
            switch (after.status()) {
                case FAILING -> log.warn("scrape target failing target={} reason=\"{}\"", after.name(), after.lastError());
                case HEALTHY -> {
                    if (change.before().status() == TargetHealth.Status.FAILING) {
                        log.info("scrape target recovered target={} failedAttempts={}", after.name(), change.before().consecutiveFailures());
                    } else {
                        log.info("scrape target healthy target={}", after.name());
                    }
                }
                case PENDING -> { }
            }
        }
        try {
            store.save(after);
        } catch (RuntimeException e) {
            // The record is for operators and restarts; losing one update must not stop the signals.
            log.warn("could not store scrape target health target={} reason=\"{}\"", after.name(), e.getMessage());
        }
    }

    private void publish(ScrapeTarget target, ScrapeOutcome.Scraped scraped) {
        List<Sample> series = scraped.exposition().samples();
        Optional<MetricBatch> batch = target.batch(scraped.at(), signals.from(target.name(), series, scraped.at()));
        if (batch.isEmpty()) {
            log.debug("nothing to publish target={} series={}: no derivable or forwarded samples", target.name(), series.size());
            return;
        }
        try {
            publisher.publishAll(List.of(batch.get()));
            metrics.published(batch.get().samples().size());
        } catch (RuntimeException e) {
            // Signals are a stream, not a ledger: the next round publishes fresher values.
            log.warn("could not publish scraped signals target={} samples={} reason=\"{}\"", target.name(),
                    batch.get().samples().size(), e.getMessage());
        }
    }
}
