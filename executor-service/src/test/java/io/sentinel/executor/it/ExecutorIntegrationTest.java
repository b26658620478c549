package io.sentinel.executor.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.IncidentScoped;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.ExecutionFailed;
import io.sentinel.events.execution.ExecutionSkipped;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.RollbackFailed;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.StepPhase;
import io.sentinel.events.execution.VerificationFailed;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.execution.VerificationStarted;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import io.sentinel.executor.ExecutorApplication;
import io.sentinel.executor.recovery.StartupRecovery;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The executor alone, on a real broker and database, acting on a WireMock "service" through the test
 * playbooks in src/test/resources/playbooks. Every request a playbook sends names its incident in a
 * header, so each test sees only its own traffic.
 */
@SpringBootTest(classes = ExecutorApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = {
        "sentinel.playbooks.location=classpath:playbooks/",
        // localhost only: 127.0.0.1 reaches the same WireMock, so a request to it proves the allowlist leaked
        "sentinel.executor.http.allowed-hosts=localhost",
        "sentinel.executor.verification.check-interval=200ms"})
class ExecutorIntegrationTest extends ServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INCIDENT = "X-Sentinel-Incident";
    private static final String CONFIG = "{\"cacheSize\":512,\"mode\":\"lru\"}";

    private static WireMockServer service;

    @Autowired
    Jdbi jdbi;

    @Autowired
    StartupRecovery recovery;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void connect() {
        service = new WireMockServer(options().dynamicPort());
        service.start();
        service.stubFor(get(urlEqualTo("/admin/config")).atPriority(10).willReturn(okJson(CONFIG)));
        service.stubFor(post(urlPathEqualTo("/actions/release-memory")).atPriority(10).willReturn(aResponse().withStatus(200)));
        service.stubFor(get(urlEqualTo("/health")).atPriority(10).willReturn(aResponse().withStatus(204)));
        service.stubFor(put(urlEqualTo("/admin/config")).atPriority(10).willReturn(aResponse().withStatus(200)));
        service.stubFor(post(urlEqualTo("/actions/flush-cache")).atPriority(10).willReturn(aResponse().withStatus(202)));
        service.stubFor(put(urlEqualTo("/cache/config")).atPriority(10).willReturn(aResponse().withStatus(200)));
        service.stubFor(post(urlEqualTo("/actions/drain-queue")).atPriority(10).willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    static void disconnect() {
        service.stop();
    }

    @Test
    void snapshotsActsAndVerifiesWhenTheConditionClearsAndTheChecksPass() {
        String incident = newIncident();
        EventEnvelope<ActionAuthorized> decision = sender.send(authorized(incident, "release-memory", onService()));

        ExecutionStarted started = awaitEvent(ExecutionStarted.class, incident);
        assertThat(started.executionId()).isEqualTo(EventIds.derive(decision.id(), "execution"));
        assertThat(started.causationId()).isEqualTo(decision.id());
        assertThat(started.parameters()).as("the playbook's default filled in").containsEntry("reason", "sentinel");
        awaitEvent(VerificationStarted.class, incident);
        service.verify(1, getRequestedFor(urlEqualTo("/admin/config")).withHeader(INCIDENT, equalTo(incident)));
        service.verify(1, postRequestedFor(urlEqualTo("/actions/release-memory?reason=sentinel")).withHeader(INCIDENT, equalTo(incident)));
        service.verify(0, getRequestedFor(urlEqualTo("/health")).withHeader(INCIDENT, equalTo(incident)));

        sender.send(cleared(incident));

        VerificationPassed passed = awaitEvent(VerificationPassed.class, incident);
        assertThat(passed.executionId()).isEqualTo(started.executionId());
        assertThat(passed.detail()).matches("condition cleared \\d+\\.\\d s after the action; 1 check passed");
        service.verify(1, getRequestedFor(urlEqualTo("/health")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(steps(incident)).extracting(StepCompleted::phase).containsExactly(StepPhase.SNAPSHOT, StepPhase.ACTION, StepPhase.CHECK);
        assertThat(steps(incident)).allSatisfy(step -> assertThat(step.succeeded()).isTrue());
        assertThat(steps(incident).get(1).detail()).matches("POST http://localhost:\\d+/actions/release-memory -> 200 in \\d+ ms");
        assertThat(probe.envelopes(ExecutionEvent.class).stream().filter(e -> incident.equals(e.subject())))
                .as("every execution event continues the decision's trace")
                .allSatisfy(e -> assertThat(e.traceParent().traceId()).isEqualTo(decision.traceParent().traceId()));
        assertThat(events(RollbackSucceeded.class, incident)).isEmpty();
        assertThat(meters.get("sentinel.executor.executions").tag("playbook", "release-memory").tag("outcome", "succeeded").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("sentinel.executor.step.duration").tag("phase", "check").timer().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRedeliveredDecisionRunsTheActionOnce() {
        String incident = newIncident();
        EventEnvelope<ActionAuthorized> decision = authorizedEnvelope(incident, "release-memory", onService());

        sender.send(decision);
        sender.send(decision);

        awaitEvent(VerificationStarted.class, incident);
        sender.send(cleared(incident));
        awaitEvent(VerificationPassed.class, incident);
        pause(Duration.ofSeconds(1));
        service.verify(1, postRequestedFor(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(events(ExecutionStarted.class, incident)).hasSize(1);
    }

    @Test
    void aSecondDecisionWhileAnExecutionIsInProgressIsSkipped() {
        String incident = newIncident();
        sender.send(authorized(incident, "release-memory", onService()));
        ExecutionStarted first = awaitEvent(ExecutionStarted.class, incident);
        awaitEvent(VerificationStarted.class, incident);

        EventEnvelope<ActionAuthorized> second = sender.send(authorized(incident, "release-memory", onService()));

        ExecutionSkipped skipped = awaitEvent(ExecutionSkipped.class, incident);
        assertThat(skipped.causationId()).isEqualTo(second.id());
        assertThat(skipped.reason()).isEqualTo("execution " + first.executionId() + " is still in progress for this incident");
        sender.send(cleared(incident));
        awaitEvent(VerificationPassed.class, incident);
        service.verify(1, postRequestedFor(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)));
    }

    @Test
    void rollsBackToTheSnapshotWhenTheConditionDoesNotClearInTime() {
        String incident = newIncident();
        String snapshot = "{\"ttl\":\"300s\",\"taken-for\":\"" + incident + "\"}";
        service.stubFor(get(urlEqualTo("/cache/config")).withHeader(INCIDENT, equalTo(incident)).atPriority(1).willReturn(okJson(snapshot)));

        sender.send(authorized(incident, "flush-cache", onService()));

        VerificationStarted verifying = awaitEvent(VerificationStarted.class, incident);
        VerificationFailed failed = awaitEvent(VerificationFailed.class, incident);
        assertThat(failed.reason()).isEqualTo("condition still present 2s after the action");
        assertThat(Instant.now()).as("not before the window ended").isAfterOrEqualTo(verifying.deadline());
        RollbackSucceeded rolledBack = awaitEvent(RollbackSucceeded.class, incident);
        assertThat(rolledBack.detail()).isEqualTo("undone by 1 rollback step: restore-cache-config");
        service.verify(1, putRequestedFor(urlEqualTo("/cache/config")).withHeader(INCIDENT, equalTo(incident))
                .withHeader("Content-Type", equalTo("application/json")).withRequestBody(equalTo(snapshot)));
        assertThat(steps(incident)).extracting(StepCompleted::phase)
                .containsExactly(StepPhase.SNAPSHOT, StepPhase.ACTION, StepPhase.ROLLBACK);
        assertThat(events(VerificationPassed.class, incident)).isEmpty();
    }

    @Test
    void rollsBackWhenAnActionFails() {
        String incident = newIncident();
        service.stubFor(post(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        sender.send(authorized(incident, "release-memory", onService()));

        ExecutionFailed failed = awaitEvent(ExecutionFailed.class, incident);
        assertThat(failed.reason()).startsWith("step 'release-memory' failed: POST http://localhost:").contains("-> 503");
        assertThat(awaitEvent(RollbackSucceeded.class, incident).executionId()).isEqualTo(failed.executionId());
        service.verify(1, putRequestedFor(urlEqualTo("/admin/config")).withHeader(INCIDENT, equalTo(incident))
                .withRequestBody(equalTo(CONFIG)));
        assertThat(events(VerificationStarted.class, incident)).isEmpty();
        assertThat(steps(incident)).filteredOn(step -> step.phase() == StepPhase.ACTION).singleElement()
                .satisfies(step -> assertThat(step.succeeded()).isFalse());
    }

    @Test
    void skipsTheActionWhenTheIncidentAlreadyResolved() {
        String incident = newIncident();
        sender.send(new IncidentResolved(incident, "cleared-" + incident, Resolution.CLEARED_BY_ITSELF, "condition cleared without remediation",
                Instant.now()));
        // Decisions and incidents are separate topics: let the resolution land before the decision.
        await().atMost(WAIT).until(() -> resolvedRecorded(incident));

        EventEnvelope<ActionAuthorized> decision = sender.send(authorized(incident, "release-memory", onService()));

        ExecutionSkipped skipped = awaitEvent(ExecutionSkipped.class, incident);
        assertThat(skipped.reason()).isEqualTo("incident already resolved");
        assertThat(skipped.causationId()).isEqualTo(decision.id());
        pause(Duration.ofMillis(500));
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).isEmpty();
        assertThat(events(ExecutionStarted.class, incident)).isEmpty();
    }

    @Test
    void refusesToCallAHostOutsideTheAllowlist() {
        String incident = newIncident();

        sender.send(authorized(incident, "drain-queue", Map.of("instance", "127.0.0.1:" + service.port())));

        StepCompleted step = awaitEvent(StepCompleted.class, incident);
        assertThat(step.phase()).isEqualTo(StepPhase.ACTION);
        assertThat(step.succeeded()).isFalse();
        assertThat(step.detail()).contains("127.0.0.1:" + service.port()).contains("sentinel.executor.http.allowed-hosts");
        assertThat(awaitEvent(ExecutionFailed.class, incident).reason()).contains("sentinel.executor.http.allowed-hosts");
        assertThat(awaitEvent(RollbackSucceeded.class, incident).detail()).isEqualTo("the playbook defines no rollback; nothing to undo");
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).isEmpty();
    }

    @Test
    void anExecutionInterruptedByARestartIsRolledBackNotRunAgain() {
        String incident = newIncident();
        String executionId = "exec-" + incident;
        String snapshot = "{\"cacheSize\":128,\"before\":\"the crash\"}";
        TraceParent trace = TraceParent.root();
        jdbi.useTransaction(handle -> {
            handle.execute("""
                    insert into execution (execution_id, decision_event_id, incident_id, playbook_id, parameters, labels, resource, status,
                                           started_at, trace_parent)
                    values (?, ?, ?, 'release-memory', '{"reason":"sentinel"}', cast(? as jsonb), 'shop', 'RUNNING', now(), ?)""",
                    executionId, "decision-" + incident, incident, "{\"instance\":\"localhost:" + service.port() + "\"}", trace.header());
            handle.execute("insert into snapshot (execution_id, body, taken_at) values (?, ?, now())", executionId, snapshot);
        });

        assertThat(recovery.recover()).isGreaterThanOrEqualTo(1);

        ExecutionFailed failed = awaitEvent(ExecutionFailed.class, incident);
        assertThat(failed.reason()).isEqualTo("executor restarted during the execution; not re-run so the action cannot run twice");
        awaitEvent(RollbackSucceeded.class, incident);
        service.verify(1, putRequestedFor(urlEqualTo("/admin/config")).withHeader(INCIDENT, equalTo(incident)).withRequestBody(equalTo(snapshot)));
        service.verify(0, postRequestedFor(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(events(RollbackFailed.class, incident)).isEmpty();
        assertThat(probe.envelopes(ExecutionFailed.class).stream().filter(e -> incident.equals(e.subject())))
                .allSatisfy(e -> assertThat(e.traceParent().traceId()).isEqualTo(trace.traceId()));
    }

    private static String newIncident() {
        return "inc-" + UUID.randomUUID();
    }

    private static Map<String, String> onService() {
        return Map.of("instance", "localhost:" + service.port(), "environment", "staging");
    }

    private static ActionAuthorized authorized(String incidentId, String playbookId, Map<String, String> labels) {
        return new ActionAuthorized(incidentId, "analysis-" + incidentId, new ProposedAction(playbookId, Map.of()), Risk.LOW,
                ApprovalMode.AUTO, null, null, "auto-low-risk", "shop", "staging", labels);
    }

    private static EventEnvelope<ActionAuthorized> authorizedEnvelope(String incidentId, String playbookId, Map<String, String> labels) {
        return new EventEnvelope<>(EventIds.random(), "policy", Instant.now(), TraceParent.root(), authorized(incidentId, playbookId, labels));
    }

    private static ConditionCleared cleared(String incidentId) {
        Instant now = Instant.now();
        return new ConditionCleared(incidentId, "signals-" + incidentId,
                new Observation("memory_usage_ratio", 0.40, 0.55, "below the clear level 0.55", now), now);
    }

    private static <E extends SentinelEvent & IncidentScoped> E awaitEvent(Class<E> type, String incidentId) {
        return probe.await(type, event -> incidentId.equals(event.incidentId()), WAIT);
    }

    private static <E extends SentinelEvent & IncidentScoped> List<E> events(Class<E> type, String incidentId) {
        return probe.events(type).stream().filter(event -> incidentId.equals(event.incidentId())).toList();
    }

    private static List<StepCompleted> steps(String incidentId) {
        return events(StepCompleted.class, incidentId);
    }

    private boolean resolvedRecorded(String incidentId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select count(*) from incident_condition where incident_id = :id and resolved_at is not null")
                .bind("id", incidentId).mapTo(Integer.class).one()) == 1;
    }

}
