package io.sentinel.collector.scrape;

import io.sentinel.collector.source.SourceSelection;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs a scrape round every interval once the service is ready (database migrated, producer up),
 * after taking over what the previous run knew about the targets. While Prometheus is the source
 * the rounds stand by, and run only while the collector falls back to scraping.
 */
public final class ScrapeSchedule {

    private static final Logger log = LoggerFactory.getLogger(ScrapeSchedule.class);

    private final ScrapeProperties properties;
    private final ScrapeRound round;
    private final ScrapeTargetHealth health;
    private final TargetHealthStore store;
    private final SourceSelection selection;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> rounds;

    public ScrapeSchedule(ScrapeProperties properties, ScrapeRound round, ScrapeTargetHealth health, TargetHealthStore store,
                          SourceSelection selection, TaskScheduler scheduler) {
        this.properties = properties;
        this.round = round;
        this.health = health;
        this.store = store;
        this.selection = selection;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (properties.targets().isEmpty()) {
            log.info("no scrape targets configured (sentinel.collector.scrape.targets); nothing to scrape");
            return;
        }
        restoreHealth();
        Duration interval = properties.interval();
        if (selection.prometheusConfigured()) {
            log.info("direct scrape standing by as fallback for prometheus targets={} interval={} timeout={}", properties.targets().size(),
                    interval, properties.timeout());
        } else {
            log.info("scraping targets={} interval={} timeout={}", properties.targets().size(), interval, properties.timeout());
        }
        rounds = scheduler.scheduleWithFixedDelay(this::runRound, interval);
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        ScheduledFuture<?> scheduled = rounds;
        if (scheduled != null) {
            scheduled.cancel(true);
        }
    }

    private void restoreHealth() {
        try {
            health.restore(store.all());
        } catch (RuntimeException e) {
            log.warn("could not read stored scrape target health; starting from scratch reason=\"{}\"", e.getMessage());
        }
    }

    /** A failing round must not end the schedule: the next one may succeed. */
    private void runRound() {
        if (!selection.scrapes()) {
            return;
        }
        try {
            round.run();
        } catch (RuntimeException e) {
            log.error("scrape round failed", e);
        }
    }
}
