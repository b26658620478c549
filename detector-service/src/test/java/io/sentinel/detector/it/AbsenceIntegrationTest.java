package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Absence end to end: what did not happen is noticed on the detector's ticks (every 500 ms here). */
class AbsenceIntegrationTest extends SharedDetectorEvents {

    /** What the collector's configuration names as the batches' target; labels called target are just labels. */
    private static final String TARGET = "shop.production";

    @Test
    void aMissedHeartbeatOpensAnIncidentAndTheNextBeatResolvesIt() {
        Instant beat = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sender.send(new HeartbeatReceived("it-nightly-backup", Map.of("team", "storage"), Duration.ofSeconds(2), Duration.ofSeconds(1), beat));

        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-nightly-backup"));
        assertThat(opened.rule()).isEqualTo("heartbeat-missed");
        assertThat(opened.title()).isEqualTo("Heartbeat missed: it-nightly-backup");
        assertThat(opened.labels()).containsEntry("team", "storage");
        assertThat(opened.observation().detail()).isEqualTo("it-nightly-backup missed its heartbeat: last at " + beat + ", expected by "
                + beat.plusSeconds(3) + " (every PT2S, grace PT1S)");
        assertThat(opened.openedAt()).isAfter(beat.plusSeconds(3));
        assertThat(opened.target()).as("a heartbeat is what a sender says: it names no target").isNull();

        sender.send(new HeartbeatReceived("it-nightly-backup", Map.of("team", "storage"), Duration.ofDays(1), null, Instant.now()));
        answerClearedWithoutRemediation(opened.incidentId());
        IncidentResolved resolved = awaitPublished(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()));
        assertThat(resolved.resolution()).isEqualTo(Resolution.CLEARED_BY_ITSELF);
    }

    @Test
    void aHeartbeatConfiguredAtRuntimeButNeverSeenOpensAnIncidentEveryPlusGraceLater() {
        setting("detector.absence.heartbeats", """
                [{"name": "it-never-seen", "every": "PT2S", "grace": "PT1S", "severity": "critical", "labels": {"runbook": "cron"}}]""");

        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-never-seen"));
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.labels()).containsEntry("runbook", "cron");
        assertThat(opened.observation().detail()).startsWith("it-never-seen missed its heartbeat: none seen since it was expected from ");

        sender.send(new HeartbeatReceived("it-never-seen", Map.of(), Duration.ofDays(1), null, Instant.now()));
        answerClearedWithoutRemediation(opened.incidentId());
        awaitPublished(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()));
        removeSetting("detector.absence.heartbeats");
    }

    @Test
    void aQueueThatGrowsWhileNothingIsConsumedOpensAnIncidentThatClearsWhenConsumptionResumes() {
        Instant start = Instant.now().minusSeconds(180);
        for (int round = 0; round <= 8; round++) {
            queue("it-queue-shop", start.plusSeconds(15L * round), 10 + 25 * round, 0);
        }
        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-queue-shop"));
        assertThat(opened.rule()).isEqualTo("queue-stuck");
        assertThat(opened.target()).as("the target the collector's configuration named for the batches").isEqualTo(TARGET);
        assertThat(opened.title()).isEqualTo("Queue orders stuck on it-queue-shop");
        assertThat(opened.labels()).containsEntry("queue", "orders");
        assertThat(opened.observation().detail()).isEqualTo("queue orders on it-queue-shop: depth grew from 10 to 210 over PT2M"
                + " (by more than 10) while queue_consumed_per_second stayed 0");

        queue("it-queue-shop", start.plusSeconds(135), 215, 12.5);
        answerClearedWithoutRemediation(opened.incidentId());
        awaitPublished(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()));
    }

    @Test
    void aMetricThatStopsArrivingOpensAnIncidentThatResolvesWhenItArrivesAgain() {
        setting("detector.absence.stale-metrics", """
                {"signals": ["it_stale_ratio"], "min-observations": 3, "stale-after": "PT2S"}""");
        for (int i = 0; i < 3; i++) {
            stale("it-stale-cache", 0.4);
        }

        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-stale-cache"));
        assertThat(opened.rule()).isEqualTo("metric-stale");
        assertThat(opened.target()).as("opened on a tick, long after the batches: kept with the series").isEqualTo(TARGET);
        assertThat(opened.title()).isEqualTo("it_stale_ratio from it-stale-cache stopped arriving");
        assertThat(opened.observation().detail()).startsWith("it_stale_ratio from it-stale-cache stopped arriving; last at ");

        stale("it-stale-cache", 0.4);
        answerClearedWithoutRemediation(opened.incidentId());
        awaitPublished(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()));
        removeSetting("detector.absence.stale-metrics");
    }

    private static void queue(String resource, Instant at, double depth, double consumed) {
        sender.send(new MetricBatch("scrape", resource, Map.of(), at, List.of(
                new MetricSample("queue_depth", Map.of("queue", "orders"), depth, at),
                new MetricSample("queue_consumed_per_second", Map.of("queue", "orders"), consumed, at)), TARGET));
    }

    private static void stale(String resource, double value) {
        Instant at = Instant.now();
        sender.send(new MetricBatch("scrape", resource, Map.of("target", "not-this-one"), at,
                List.of(new MetricSample("it_stale_ratio", Map.of("target", "nor-this-one"), value, at)), TARGET));
    }
}
