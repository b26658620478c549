package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.Topic;
import io.sentinel.events.execution.ClearedWithoutRemediation;
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
import io.sentinel.testkit.ConsumerLag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threshold rules end to end: persistence, hysteresis, repeats, and how the executor's verdicts end an incident. */
class ThresholdIntegrationTest extends DetectorIntegrationTest {

    private static final String MEMORY_RULE = "memory-usage-high";

    @Test
    void opensOnlyAfterTheConditionHeldForItsDurationAndResolvesOnTheExecutorsVerdict() {
        memory("svc-a", 0.70, 0);
        memory("svc-a", 0.72, 1);
        assertNoIncidentFor("svc-a");

        memory("svc-a", 0.75, 2);
        IncidentOpened opened = probe.await(IncidentOpened.class, e -> e.resource().equals("svc-a") && e.rule().equals(MEMORY_RULE), WAIT);
        assertThat(opened.title()).isEqualTo("Memory usage above 60% on svc-a");
        assertThat(opened.target()).as("as the collector's configuration named it for the batches").isEqualTo("svc-a.staging");
        assertThat(opened.labels()).containsEntry("environment", "staging");
        assertThat(opened.observation().value()).isEqualTo(0.75);

        memory("svc-a", 0.58, 3);
        Instant beforeClearing = Instant.now();
        memory("svc-a", 0.50, 4);
        ConditionCleared cleared = probe.await(ConditionCleared.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertThat(cleared.observation().value()).as("0.58 is inside the hysteresis band, 0.50 is below it").isEqualTo(0.50);
        assertThat(cleared.observation().observedAt()).as("the sample's own time, for people").isEqualTo(T0.plusSeconds(4));
        assertThat(cleared.clearedAt()).as("the detector's clock when it handled the sample, not the sample's").isBetween(beforeClearing,
                Instant.now());

        answerClearedWithoutRemediation(opened.incidentId());
        IncidentResolved resolved = probe.await(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertThat(resolved.resolution()).isEqualTo(Resolution.CLEARED_BY_ITSELF);
        assertThat(resolved.summary()).isEqualTo("condition cleared without remediation");
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
        probe.await(IncidentOpened.class, e -> e.resource().equals("svc-dip") && e.rule().equals(MEMORY_RULE), WAIT);
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

    /**
     * The race of ADR 0009, at the detector: the executor's {@code ExecutionStarted} (executions topic)
     * and the sample that clears the condition (signals topic), delivered in both orders. Neither order
     * lets the detector resolve by itself; in both, the executor's verdict alone ends the incident.
     */
    @Test
    void aFixIsResolvedByItsVerificationWhicheverTopicTheDetectorReadsFirst() {
        for (boolean startedFirst : new boolean[] {true, false}) {
            String resource = startedFirst ? "svc-started-first" : "svc-cleared-first";
            IncidentOpened opened = open(resource);
            String execution = "exec-" + resource;
            if (startedFirst) {
                started(opened, execution);
                clearing(resource, opened);
            } else {
                clearing(resource, opened);
                started(opened, execution);
            }
            assertThat(phaseOf(opened.incidentId())).as("%s: cleared, awaiting the executor's verdict", resource).isEqualTo("CLEARED");
            assertThat(probe.events(IncidentResolved.class)).as(resource).noneMatch(e -> e.incidentId().equals(opened.incidentId()));

            sender.send(new VerificationPassed(opened.incidentId(), execution + "-verifying", execution, "condition cleared"));

            IncidentResolved resolved = probe.await(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
            assertThat(resolved.resolution()).as(resource).isEqualTo(Resolution.REMEDIATED);
        }
    }

    /**
     * The race left at the detector: the condition comes back (signals topic) while the executor's
     * verdict on its clearing (executions topic) is under way. In both orders the cleared incident ends by
     * the verdict and the return is one new incident.
     */
    @Test
    void aVerdictAndTheConditionsReturnEndInTheSameIncidentsInEitherOrder() {
        for (boolean verdictFirst : new boolean[] {true, false}) {
            String resource = verdictFirst ? "svc-verdict-first" : "svc-return-first";
            IncidentOpened first = open(resource);
            clearing(resource, first);
            if (verdictFirst) {
                answerClearedWithoutRemediation(first.incidentId());
                probe.await(IncidentResolved.class, e -> e.incidentId().equals(first.incidentId()), WAIT);
                memory(resource, 0.90, 20);
                memory(resource, 0.90, 22);
            } else {
                memory(resource, 0.90, 20);
                memory(resource, 0.90, 22);
                // Held on the cleared incident until the verdict: visible in the detector's database, not on a topic.
                await().atMost(WAIT).until(() -> returnHeld(first.incidentId()));
                answerClearedWithoutRemediation(first.incidentId());
            }

            IncidentResolved resolved = probe.await(IncidentResolved.class, e -> e.incidentId().equals(first.incidentId()), WAIT);
            assertThat(resolved.resolution()).as(resource).isEqualTo(Resolution.CLEARED_BY_ITSELF);
            IncidentOpened second = probe.await(IncidentOpened.class, e -> e.resource().equals(resource)
                    && !e.incidentId().equals(first.incidentId()), WAIT);
            assertThat(second.openedAt()).as("%s: opened when the condition returned", resource).isEqualTo(T0.plusSeconds(22));
            awaitProcessed(resource);
            assertThat(incidents(resource, MEMORY_RULE)).as(resource).isEqualTo(2);
            assertThat(probe.events(IncidentUpdated.class)).as("%s: the ended incident is not told of the return", resource)
                    .noneMatch(e -> e.incidentId().equals(first.incidentId()));
        }
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
    void aVerdictForAnIncidentWhoseConditionIsPresentChangesNothing() {
        IncidentOpened opened = open("svc-premature");
        sender.send(new ClearedWithoutRemediation(opened.incidentId(), "not-a-clearing-of-ours", Instant.now()));
        ConsumerLag.awaitCaughtUp(bootstrapServers(), SOURCE, Topic.EXECUTIONS.topicName(), WAIT);

        assertThat(phaseOf(opened.incidentId())).isEqualTo("FIRING");
        assertThat(probe.events(IncidentResolved.class)).noneMatch(e -> e.incidentId().equals(opened.incidentId()));
    }

    @Test
    void aRedeliveredSignalChangesNothing() {
        memory("svc-twice", 0.90, 0);
        EventEnvelope<MetricBatch> last = memory("svc-twice", 0.90, 2);
        sender.send(last);
        sender.send(last);
        memory("svc-twice", 0.90, 3);
        probe.await(IncidentOpened.class, e -> e.resource().equals("svc-twice"), WAIT);
        awaitProcessed("svc-twice");
        assertThat(incidents("svc-twice", MEMORY_RULE)).isEqualTo(1);
        assertThat(probe.events(IncidentOpened.class).stream().filter(e -> e.resource().equals("svc-twice") && e.rule().equals(MEMORY_RULE)))
                .hasSize(1);
    }

    private IncidentOpened open(String resource) {
        memory(resource, 0.90, 0);
        memory(resource, 0.90, 2);
        return probe.await(IncidentOpened.class, e -> e.resource().equals(resource) && e.rule().equals(MEMORY_RULE), WAIT);
    }

    /** The executor's progress, and proof the detector consumed it: its group has committed everything on the topic. */
    private static void started(IncidentOpened opened, String execution) {
        sender.send(new ExecutionStarted(opened.incidentId(), "decision-" + execution, execution, "release-memory", Map.of(), Instant.now()));
        ConsumerLag.awaitCaughtUp(bootstrapServers(), SOURCE, Topic.EXECUTIONS.topicName(), WAIT);
    }

    private static void clearing(String resource, IncidentOpened opened) {
        memory(resource, 0.30, 10);
        probe.await(ConditionCleared.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
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

    private String phaseOf(String incidentId) {
        return jdbi.withHandle(handle -> handle.createQuery("select phase from incident where incident_id = :id").bind("id", incidentId)
                .mapTo(String.class).one());
    }

    private boolean returnHeld(String incidentId) {
        return jdbi.withHandle(handle -> handle.createQuery("select returned is not null from incident where incident_id = :id")
                .bind("id", incidentId).mapTo(Boolean.class).one());
    }

    /** No incident of the memory rule, once an alert sent after the samples shows they were processed. */
    private void assertNoIncidentFor(String resource) {
        awaitProcessed(resource);
        assertThat(incidents(resource, MEMORY_RULE)).isZero();
        assertThat(probe.events(IncidentOpened.class).stream().filter(e -> e.resource().equals(resource) && e.rule().equals(MEMORY_RULE)))
                .isEmpty();
    }
}
