package io.sentinel.detector.it;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Baselines end to end: history backfilled from Prometheus, then live samples judged against it. The
 * shared detector's baselines watch test-only signals (see the properties of DetectorIntegrationTest).
 */
class BaselineIntegrationTest extends SharedDetectorEvents {

    private static final String RATE = "it_requests_per_second";
    private static final String POOL = "it_pool_usage_ratio";
    private static final String TARGET = "shop.production";

    @Test
    void aRateFarAboveItsHourlyBaselineOpensAWarningThatTurnsCriticalAsItGrows() {
        Instant hour = Instant.now().truncatedTo(HOURS);
        List<MetricSample> history = new ArrayList<>();
        for (int hoursAgo = 30; hoursAgo >= 1; hoursAgo--) {
            for (int quarter = 0; quarter < 4; quarter++) {
                history.add(rate(quarter % 2 == 0 ? 9 : 11, hour.minus(hoursAgo, HOURS).plus(15L * quarter, MINUTES)));
            }
        }
        sender.send(new MetricBatch("prometheus-backfill", "it-rate-shop", Map.of("environment", "production"), hour, history, null));

        sender.send(live("it-rate-shop", rate(30, hour.plus(1, MINUTES))));
        IncidentOpened opened = awaitPublished(IncidentOpened.class,
                e -> e.resource().equals("it-rate-shop") && e.rule().equals("hourly-baseline-spike"));
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.target()).isEqualTo(TARGET);
        assertThat(opened.labels()).containsEntry("signal", RATE).containsEntry("environment", "production");
        assertThat(opened.observation().value()).isEqualTo(30.0);
        assertThat(opened.observation().detail()).startsWith(RATE + " this hour 30 = 3× the 7-day hourly baseline 10 (mean of 30 hours)");

        sender.send(live("it-rate-shop", rate(100, hour.plus(2, MINUTES))));
        IncidentUpdated critical = awaitPublished(IncidentUpdated.class,
                e -> e.incidentId().equals(opened.incidentId()) && e.severity() == Severity.CRITICAL);
        assertThat(critical.observation().value()).as("this hour's mean, (30 + 100) / 2").isEqualTo(65.0);
        assertThat(critical.observation().detail()).startsWith("severity rose to CRITICAL: " + RATE + " this hour 65 = 6.5×");
    }

    /** The EWMA baseline is configured for this test in DetectorIntegrationTest: 50 samples to learn, "for: 1m". */
    @Test
    void aMetricFarAboveItsEwmaBaselineForLongEnoughOpensAnIncident() {
        Instant start = Instant.now().truncatedTo(SECONDS).minus(30, MINUTES);
        List<MetricSample> history = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            history.add(new MetricSample(POOL, Map.of("pool", "db"), i % 2 == 0 ? 0.45 : 0.55, start.plusSeconds(15L * i)));
        }
        sender.send(new MetricBatch("prometheus-backfill", "it-pool-api", Map.of(), start, history, null));

        Instant anomaly = start.plus(20, MINUTES);
        sender.send(live("it-pool-api", new MetricSample(POOL, Map.of("pool", "db"), 0.95, anomaly)));
        sender.send(live("it-pool-api", new MetricSample(POOL, Map.of("pool", "db"), 0.95, anomaly.plusSeconds(30))));
        awaitProcessed("it-pool-api");
        assertThat(incidents("it-pool-api", "ewma-baseline-deviation")).as("held for 30 s of the minute").isZero();

        sender.send(live("it-pool-api", new MetricSample(POOL, Map.of("pool", "db"), 0.95, anomaly.plusSeconds(60))));
        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-pool-api")
                && e.rule().equals("ewma-baseline-deviation"));
        assertThat(opened.rule()).isEqualTo("ewma-baseline-deviation");
        assertThat(opened.target()).isEqualTo(TARGET);
        assertThat(opened.labels()).containsEntry("pool", "db");
        assertThat(opened.observation().detail()).startsWith(POOL + " 0.9500 is ").contains("σ above its EWMA baseline");
    }

    @Test
    void backfilledHistoryFiresNothingNotEvenAThreshold() {
        Instant at = Instant.now().minus(2, HOURS);
        List<MetricSample> overThreshold = List.of(memory(0.95, at), memory(0.95, at.plusSeconds(5)), memory(0.95, at.plusSeconds(10)));
        sender.send(new MetricBatch("prometheus-backfill", "it-backfill-only", Map.of(), at, overThreshold, null));
        awaitProcessed("it-backfill-only");
        assertThat(incidents("it-backfill-only", "memory-usage-high")).isZero();

        sender.send(new MetricBatch("scrape", "it-backfill-only", Map.of(), at, overThreshold, null));
        assertThat(awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-backfill-only") && !e.rule().startsWith("alert:")).rule())
                .as("the same samples, live").isEqualTo("memory-usage-high");
    }

    private static MetricBatch live(String resource, MetricSample sample) {
        return new MetricBatch("scrape", resource, Map.of("environment", "production"), sample.at(), List.of(sample), TARGET);
    }

    private static MetricSample rate(double value, Instant at) {
        return new MetricSample(RATE, Map.of("route", "/checkout"), value, at);
    }

    private static MetricSample memory(double value, Instant at) {
        return new MetricSample("memory_usage_ratio", Map.of(), value, at);
    }
}
