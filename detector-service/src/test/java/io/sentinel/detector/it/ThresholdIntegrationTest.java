package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threshold rules end to end: persistence, hysteresis, repeats, and how fixes decide an incident's end. */
class ThresholdIntegrationTest extends DetectorIntegrationTest {


    @Test
    void opensOnlyAfterTheConditionHeldForItsDurationAndResolvesWhenItClearsByItself() {
        memory("svc-a", 0.70, 0);
        memory("svc-a", 0.72, 1);
        assertNoIncidentFor("svc-a");

        memory("svc-a", 0.75, 2);
        IncidentOpened opened = probe.await(IncidentOpened.class, e -> e.resource().equals("svc-a"), WAIT);
        assertThat(opened.title()).isEqualTo("Memory usage above 60% on svc-a");
        assertThat(opened.target()).as("as the collector's configuration named it for the batches").isEqualTo("svc-a.staging");
        assertThat(opened.labels()).containsEntry("environment", "staging");
        assertThat(opened.observation().value()).isEqualTo(0.75);

        memory("svc-a", 0.58, 3);
        memory("svc-a", 0.50, 4);
        ConditionCleared cleared = probe.await(ConditionCleared.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertThat(cleared.observation().value()).as("0.58 is inside the hysteresis band, 0.50 is below it").isEqualTo(0.50);
        IncidentResolved resolved = probe.await(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertThat(resolved.resolution()).isEqualTo(Resolution.CLEARED_BY_ITSELF);
        assertThat(traceOf(IncidentResolved.class, opened.incidentId())).isEqualTo(traceOf(IncidentOpened.class, opened.incidentId()));
    }

    @Test
    void aDipBeforeTheDurationElapsesRestartsTheClock() {
        memory("svc-dip", 0.70, 0);
        memory("svc-dip", 0.59, 1);
        memory("svc-dip", 0.70, 2);
        memory("svc-dip", 0.70, 3);
        assertNoIncidentFor("svc-dip");
        memory("svc-dip", 0.70, 4);
        probe.await(IncidentOpened.class, e -> e.resource().equals("svc-dip"), WAIT);
    }

    @Test
    void aForClockStartedBetweenMicrosecondsIsNotMovedLaterByTheDatabase() {
        // PostgreSQL keeps microseconds; 700 ns would round up and leave the second sample short of 'for: 2s'.
        Instant first = T0.plusSeconds(100).plusNanos(700);
        sender.send(new MetricBatch("scrape", "svc-nanos", Map.of(), first, List.of(new MetricSample("memory_usage_ratio", Map.of(), 0.9, first)), null));
        Instant second = first.plusSeconds(2);
        sender.send(new MetricBatch("scrape", "svc-nanos", Map.of(), second, List.of(new MetricSample("memory_usage_ratio", Map.of(), 0.9, second)), null));

        IncidentOpened opened = probe.await(IncidentOpened.class, e -> e.resource().equals("svc-nanos"), WAIT);
        assertThat(opened.openedAt()).isEqualTo(second);
    }

    @Test
    void countsRepeatsOnTheOpenIncidentInsteadOfOpeningAnother() {
        for (int second = 0; second <= 14; second++) {
            memory("svc-repeat", 0.80, second);
        }
        String incidentId = probe.await(IncidentOpened.class, e -> e.resource().equals("svc-repeat"), WAIT).incidentId();
        IncidentUpdated updated = probe.await(IncidentUpdated.class, e -> e.incidentId().equals(incidentId), WAIT);
        assertThat(updated.occurrences()).as("announced once update-interval (10s of sample time) passed").isEqualTo(11);
        assertThat(probe.events(IncidentOpened.class).stream().filter(e -> e.resource().equals("svc-repeat"))).hasSize(1);
    }

    @Test
    void waitsForVerificationWhileAFixRunsAndResolvesWhenItPasses() {
        IncidentOpened opened = open("svc-fixed");
        sender.send(new ExecutionStarted(opened.incidentId(), "decision-1", "exec-1", "release-memory", Map.of(), Instant.now()));
        // the condition clears, but the fix is in flight: the executor owns the verdict
        awaitRemediationNoticed();
        memory("svc-fixed", 0.30, 10);
        probe.await(ConditionCleared.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertNotResolved(opened.incidentId());

        sender.send(new VerificationPassed(opened.incidentId(), "exec-1-started", "exec-1", "condition cleared"));

        IncidentResolved resolved = probe.await(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertThat(resolved.resolution()).isEqualTo(Resolution.REMEDIATED);
    }

    @Test
    void escalatesWhenTheFixIsRolledBack() {
        IncidentOpened opened = open("svc-broken");
        sender.send(new ExecutionStarted(opened.incidentId(), "decision-2", "exec-2", "release-memory", Map.of(), Instant.now()));
        sender.send(new RollbackSucceeded(opened.incidentId(), "exec-2-failed", "exec-2", "restored configuration"));

        IncidentEscalated escalated = probe.await(IncidentEscalated.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertThat(escalated.reason()).contains("exec-2").contains("rolled back");
    }

    @Test
    void aRedeliveredSignalChangesNothing() {
        memory("svc-twice", 0.90, 0);
        EventEnvelope<MetricBatch> last = memory("svc-twice", 0.90, 2);
        sender.send(last);
        sender.send(last);
        memory("svc-twice", 0.90, 3);
        probe.await(IncidentOpened.class, e -> e.resource().equals("svc-twice"), WAIT);
        pause(Duration.ofSeconds(1));
        assertThat(probe.events(IncidentOpened.class).stream().filter(e -> e.resource().equals("svc-twice"))).hasSize(1);
    }

    private IncidentOpened open(String resource) {
        memory(resource, 0.90, 0);
        memory(resource, 0.90, 2);
        return probe.await(IncidentOpened.class, e -> e.resource().equals(resource), WAIT);
    }

    private static EventEnvelope<MetricBatch> memory(String resource, double ratio, int second) {
        Instant at = T0.plusSeconds(second);
        return sender.send(new MetricBatch("scrape", resource, Map.of("environment", "staging"), at,
                List.of(new MetricSample("memory_usage_ratio", Map.of(), ratio, at)), resource + ".staging"));
    }

    private static String traceOf(Class<? extends io.sentinel.events.SentinelEvent> type, String incidentId) {
        return probe.envelopes(type).stream().filter(e -> incidentId.equals(e.subject())).findFirst().orElseThrow()
                .traceParent().traceId();
    }

    private static void assertNoIncidentFor(String resource) {
        pause(Duration.ofMillis(1500));
        assertThat(probe.events(IncidentOpened.class).stream().filter(e -> e.resource().equals(resource))).isEmpty();
    }

    private static void assertNotResolved(String incidentId) {
        pause(Duration.ofMillis(1500));
        assertThat(probe.events(IncidentResolved.class).stream().filter(e -> e.incidentId().equals(incidentId))).isEmpty();
    }

    /** Signals and executions are separate topics; give the execution a moment to be consumed first. */
    private static void awaitRemediationNoticed() {
        pause(Duration.ofMillis(1500));
    }

}
