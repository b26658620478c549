package io.sentinel.executor.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.Topic;
import io.sentinel.events.TraceParent;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.ExecutionSkipped;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.execution.VerificationStarted;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.testkit.ReceivedRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ADR 0009: the executor alone decides what a clearing means, and the order in which it consumes
 * {@code decisions} and {@code incidents} (two topics) does not change the story. Each test delivers
 * one order for certain: the second event is sent only once the executor has visibly handled the
 * first.
 */
class VerificationOrderTest extends RunningExecutor {

    private static final String CLEARED_BEFORE = "the condition cleared before the action could run";

    @Test
    void actionAuthorizedThenConditionClearedVerifiesTheExecution() {
        String incident = newIncident();
        sender.send(authorized(incident, "release-memory", newTarget(serviceUrl()), labels()));
        VerificationStarted verifying = awaitEvent(VerificationStarted.class, incident);

        sender.send(cleared(incident));

        VerificationPassed passed = awaitEvent(VerificationPassed.class, incident);
        assertThat(passed.executionId()).isEqualTo(verifying.executionId());
        service.verify(1, getRequestedFor(urlEqualTo("/health")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(events(ClearedWithoutRemediation.class, incident)).as("a fix of Sentinel's was involved").isEmpty();
    }

    @Test
    void aClearingWhileTheActionStillRunsCountsOnceVerificationStarts() {
        String incident = newIncident();
        hold(incident);
        EventEnvelope<ActionAuthorized> decision;
        try {
            decision = sender.send(authorized(incident, "release-memory", newTarget(serviceUrl()), labels()));
            ExecutionStarted started = awaitEvent(ExecutionStarted.class, incident);

            EventEnvelope<ConditionCleared> clearing = sender.send(cleared(incident));

            await().atMost(WAIT).until(() -> clearedAt(incident).isPresent());
            assertThat(clearedAt(incident).orElseThrow()).isCloseTo(clearing.event().clearedAt(), within(1, ChronoUnit.MILLIS));
            assertThat(status(started.executionId())).as("the snapshot is still waiting for the service").isEqualTo(ExecutionStatus.RUNNING);
        } finally {
            release(incident);
        }

        VerificationPassed passed = awaitEvent(VerificationPassed.class, incident);
        assertThat(passed.causationId()).isEqualTo(decision.id());
        assertThat(events(VerificationStarted.class, incident)).hasSize(1);
        assertThat(events(ClearedWithoutRemediation.class, incident)).isEmpty();
    }

    @Test
    void conditionClearedThenActionAuthorizedClearsWithoutRemediationAndSkipsTheAction() {
        String incident = newIncident();
        TargetRef target = newTarget(serviceUrl());
        EventEnvelope<ConditionCleared> clearing = sender.send(cleared(incident));

        ClearedWithoutRemediation verdict = awaitEvent(ClearedWithoutRemediation.class, incident);
        assertThat(verdict.causationId()).isEqualTo(clearing.id());
        assertThat(verdict.clearedAt()).isEqualTo(clearing.event().clearedAt());
        EventEnvelope<?> verdictEnvelope = envelopeOf(ClearedWithoutRemediation.class, incident);
        assertThat(verdictEnvelope.traceParent().traceId()).as("the verdict continues the clearing's trace")
                .isEqualTo(clearing.traceParent().traceId());

        EventEnvelope<ActionAuthorized> decision = sender.send(authorized(incident, "release-memory", target, labels()));

        ExecutionSkipped skipped = awaitEvent(ExecutionSkipped.class, incident);
        assertThat(skipped.causationId()).isEqualTo(decision.id());
        assertThat(skipped.reason()).isEqualTo(CLEARED_BEFORE);
        assertThat(executionEvents(incident)).as("the story on the executions topic, in order")
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly("ClearedWithoutRemediation", "ExecutionSkipped");
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).as("nothing called on the target")
                .isEmpty();
        assertThat(rows(incident)).as("not even a pending execution was recorded").isZero();
    }

    @Test
    void aPendingActionWhoseConditionClearsIsSkippedNotRun() {
        String incident = newIncident();
        TargetRef target = newTarget(serviceUrl());
        // Admitted, its runner not yet started: the moment between intake and run, held still.
        String executionId = "pending-" + incident;
        TraceParent trace = TraceParent.root();
        jdbi.useHandle(handle -> handle.execute("""
                insert into execution (execution_id, decision_event_id, incident_id, playbook_id, parameters, labels, resource,
                                       target_name, target, status, trace_parent)
                values (?, ?, ?, 'release-memory', '{"reason":"sentinel"}', '{}', 'shop', ?, null, 'PENDING', ?)""",
                executionId, "decision-" + incident, incident, target.name(), trace.header()));

        EventEnvelope<ConditionCleared> clearing = sender.send(cleared(incident));

        ClearedWithoutRemediation verdict = awaitEvent(ClearedWithoutRemediation.class, incident);
        assertThat(verdict.causationId()).isEqualTo(clearing.id());
        ExecutionSkipped skipped = awaitEvent(ExecutionSkipped.class, incident);
        assertThat(skipped.causationId()).as("the decision's skip").isEqualTo("decision-" + incident);
        assertThat(skipped.reason()).isEqualTo(CLEARED_BEFORE);
        assertThat(status(executionId)).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(envelopeOf(ExecutionSkipped.class, incident).traceParent().traceId()).as("in the decision's trace")
                .isEqualTo(trace.traceId());
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).isEmpty();
    }

    @Test
    void aRedeliveredClearingIsAnsweredOnce() {
        String incident = newIncident();
        EventEnvelope<ConditionCleared> clearing = new EventEnvelope<>(EventIds.random(), "detector", Instant.now(),
                TraceParent.root(), cleared(incident));

        sender.send(clearing);
        sender.send(clearing);
        // Clearings of one incident share a partition: once a later one is answered, the redelivery was handled.
        EventEnvelope<ConditionCleared> later = sender.send(cleared(incident));
        probe.await(ClearedWithoutRemediation.class, verdict -> later.id().equals(verdict.causationId()), WAIT);

        assertThat(events(ClearedWithoutRemediation.class, incident)).extracting(ClearedWithoutRemediation::causationId)
                .containsExactly(clearing.id(), later.id());
    }

    @Test
    void aForgedClearingCannotStopARemediation() {
        String incident = newIncident();
        // Signed by the policy service, claiming to be the detector: only the detector may say a condition cleared.
        sender.sendAs("detector", "policy", cleared(incident));
        ReceivedRecord refused = probe.awaitRecords(Topic.INCIDENTS.deadLetterTopicName(), 1, record -> incident.equals(record.key()), WAIT)
                .getFirst();
        assertThat(refused.headers().get("x-exception-message")).startsWith("untrusted record: ");

        sender.send(authorized(incident, "release-memory", newTarget(serviceUrl()), labels()));

        awaitEvent(VerificationStarted.class, incident);
        service.verify(1, postRequestedFor(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(events(ClearedWithoutRemediation.class, incident)).isEmpty();
        assertThat(events(ExecutionSkipped.class, incident)).isEmpty();
        sender.send(cleared(incident));
        awaitEvent(VerificationPassed.class, incident);
    }

    @Test
    void aClearingStampedInTheFutureCountsAsNow() {
        String incident = newIncident();

        sender.send(cleared(incident, Instant.now().plus(Duration.ofHours(1))));

        ClearedWithoutRemediation verdict = awaitEvent(ClearedWithoutRemediation.class, incident);
        assertThat(verdict.clearedAt()).isBeforeOrEqualTo(Instant.now());
    }

    private static List<ExecutionEvent> executionEvents(String incidentId) {
        return probe.events(ExecutionEvent.class).stream().filter(event -> incidentId.equals(event.incidentId())).toList();
    }

    private static EventEnvelope<?> envelopeOf(Class<? extends ExecutionEvent> type, String incidentId) {
        return probe.envelopes(type).stream().filter(envelope -> incidentId.equals(envelope.subject())).findFirst().orElseThrow();
    }

    private Optional<Instant> clearedAt(String incidentId) {
        return jdbi.withHandle(handle -> handle.createQuery("select cleared_at from incident_condition where incident_id = :id")
                .bind("id", incidentId).mapTo(Instant.class).findOne());
    }

    private ExecutionStatus status(String executionId) {
        return jdbi.withHandle(handle -> handle.createQuery("select status from execution where execution_id = :id")
                .bind("id", executionId).mapTo(ExecutionStatus.class).one());
    }

    private int rows(String incidentId) {
        return jdbi.withHandle(handle -> handle.createQuery("select count(*) from execution where incident_id = :id")
                .bind("id", incidentId).mapTo(Integer.class).one());
    }
}
