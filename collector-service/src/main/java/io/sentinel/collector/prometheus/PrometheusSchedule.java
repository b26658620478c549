package io.sentinel.collector.prometheus;

import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs a round of queries every interval once the service is ready (only when a Prometheus is
 * configured), and the pending history after rounds Prometheus answered.
 */
public final class PrometheusSchedule {

    private static final Logger log = LoggerFactory.getLogger(PrometheusSchedule.class);

    private final PrometheusProperties properties;
    private final PrometheusRound round;
    private final PrometheusBackfill backfill;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> rounds;

    public PrometheusSchedule(PrometheusProperties properties, PrometheusRound round, PrometheusBackfill backfill, TaskScheduler scheduler) {
        this.properties = properties;
        this.round = round;
        this.backfill = backfill;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        log.info("querying prometheus url={} queries={} interval={} timeout={} fallbackAfter={} backfills={}", properties.url(),
                properties.queries().size(), properties.interval(), properties.timeout(), properties.fallbackAfter(),
                properties.queries().stream().filter(PrometheusQuery::backfills).count());
        rounds = scheduler.scheduleWithFixedDelay(this::runRound, properties.interval());
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        ScheduledFuture<?> scheduled = rounds;
        if (scheduled != null) {
            scheduled.cancel(true);
        }
    }

    /** A failing round must not end the schedule: the next one may succeed. */
    private void runRound() {
        try {
            if (round.run() && backfill.pending()) {
                backfill.runPending();
            }
        } catch (RuntimeException e) {
            log.error("prometheus round failed", e);
        }
    }
}
