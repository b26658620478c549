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
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.Topic;
import io.sentinel.events.TraceParent;
import io.sentinel.events.decision.ActionAuthorized;
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
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.db.ExecutionDao;
import io.sentinel.executor.recovery.StartupRecovery;
import io.sentinel.testkit.ReceivedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor alone, on a real broker and database (see {@link RunningExecutor}): the life of an
 * execution, and every attack on where its steps go, what they send and how long they take.
 */
class ExecutorIntegrationTest extends RunningExecutor {

    @Autowired
    StartupRecovery recovery;

    @Autowired
    MeterRegistry meters;

    @Test
    void snapshotsActsAndVerifiesWhenTheConditionClearsAndTheChecksPass() {
        String incident = newIncident();
        TargetRef target = inventory.find(CONFIGURED_TARGET).orElseThrow();
        EventEnvelope<ActionAuthorized> decision = sender.send(authorized(incident, "release-memory", target, labels()));

        ExecutionStarted started = awaitEvent(ExecutionStarted.class, incident);
        assertThat(started.executionId()).isEqualTo(EventIds.derive(decision.id(), "execution"));
        assertThat(started.causationId()).isEqualTo(decision.id());
        assertThat(started.parameters()).as("the playbook's default filled in").containsEntry("reason", "sentinel");
        awaitEvent(VerificationStarted.class, incident);
        service.verify(1, getRequestedFor(urlEqualTo("/admin/config")).withHeader(INCIDENT, equalTo(incident)));
        service.verify(1, postRequestedFor(urlEqualTo("/actions/release-memory?reason=sentinel")).withHeader(INCIDENT, equalTo(incident)));
        service.verify(0, getRequestedFor(urlEqualTo("/health")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(jdbi.withExtension(ExecutionDao.class, executions -> executions.find(started.executionId())).orElseThrow().target())
                .as("the row keeps the target as authorized").isEqualTo(target);

        sender.send(cleared(incident));

        VerificationPassed passed = awaitEvent(VerificationPassed.class, incident);
        assertThat(passed.executionId()).isEqualTo(started.executionId());
        assertThat(passed.detail()).matches("condition cleared \\d+\\.\\d s after the action; 1 check passed");
        service.verify(1, getRequestedFor(urlEqualTo("/health")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(steps(incident)).extracting(StepCompleted::phase).containsExactly(StepPhase.SNAPSHOT, StepPhase.ACTION, StepPhase.CHECK);
        assertThat(steps(incident)).allSatisfy(step -> assertThat(step.succeeded()).isTrue());
        assertThat(steps(incident).get(1).detail()).matches("POST http://127\\.0\\.0\\.1:\\d+/actions/release-memory -> 200 in \\d+ ms");
        assertThat(probe.envelopes(ExecutionEvent.class).stream().filter(e -> incident.equals(e.subject())))
                .as("every execution event continues the decision's trace")
                .allSatisfy(e -> assertThat(e.traceParent().traceId()).isEqualTo(decision.traceParent().traceId()));
        assertThat(events(RollbackSucceeded.class, incident)).isEmpty();
        assertThat(meters.get("sentinel.executor.executions").tag("playbook", "release-memory").tag("outcome", "succeeded").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("sentinel.executor.step.duration").tag("phase", "check").timer().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void callsTheInventoryTargetNeverWhatTheSignalsLabelsName() {
        String incident = newIncident();
        TargetRef target = newTarget(serviceUrl());
        // What a sender holding only an ingest token writes: the label old playbooks built their URL from.
        Map<String, String> hostile = Map.of("instance", "127.0.0.1:" + attacker.port(), "environment", "staging");

        sender.send(authorized(incident, "release-memory", target, hostile));

        awaitEvent(VerificationStarted.class, incident);
        service.verify(1, postRequestedFor(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(attacker.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        sender.send(cleared(incident));
        awaitEvent(VerificationPassed.class, incident);
        assertThat(attacker.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void skipsAnActionWhoseTargetWasReRoutedSinceItWasAuthorized() {
        String incident = newIncident();
        TargetRef authorizedTarget = newTarget(serviceUrl());
        setTarget(authorizedTarget.name(), attackerUrl());

        EventEnvelope<ActionAuthorized> decision = sender.send(authorized(incident, "release-memory", authorizedTarget, labels()));

        ExecutionSkipped skipped = awaitEvent(ExecutionSkipped.class, incident);
        assertThat(skipped.causationId()).isEqualTo(decision.id());
        assertThat(skipped.reason()).isEqualTo("target " + authorizedTarget.name() + " changed since the action was authorized: urls ["
                + serviceUrl() + "] -> [" + attackerUrl() + "]");
        assertThat(events(ExecutionStarted.class, incident)).isEmpty();
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).isEmpty();
        assertThat(attacker.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void skipsAnActionWhoseTargetIsNoLongerInTheInventory() {
        String incident = newIncident();
        TargetRef gone = new TargetRef("gone-" + shortId(), "staging", List.of(serviceUrl()), null);

        sender.send(authorized(incident, "release-memory", gone, labels()));

        assertThat(awaitEvent(ExecutionSkipped.class, incident).reason()).isEqualTo("target " + gone.name()
                + " is no longer in the inventory; the action was authorized for urls [" + serviceUrl() + "]");
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).isEmpty();
    }

    @Test
    void refusesAPlaybookThatNeedsATargetWhenTheIncidentNamesNone() {
        String incident = newIncident();

        sender.send(authorized(incident, "release-memory", null, labels()));

        assertThat(awaitEvent(ExecutionSkipped.class, incident).reason())
                .isEqualTo("the incident names no inventory target; this playbook needs one");
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).isEmpty();
    }

    @Test
    void usesADeclaredLabelOnlyWhenItsValueMatchesItsPatternAndSendsNothingOtherwise() {
        String climbing = newIncident();
        String missing = newIncident();
        String fine = newIncident();

        sender.send(authorized(climbing, "drain-named-queue", newTarget(serviceUrl()), Map.of("queue", "../../admin")));
        sender.send(authorized(missing, "drain-named-queue", newTarget(serviceUrl()), Map.of("instance", "x:80")));
        sender.send(authorized(fine, "drain-named-queue", newTarget(serviceUrl()), Map.of("queue", "orders")));

        assertThat(awaitEvent(ExecutionSkipped.class, climbing).reason())
                .isEqualTo("label 'queue' does not match the pattern [a-z0-9-]{1,32} that playbook 'drain-named-queue' declares for it");
        assertThat(awaitEvent(ExecutionSkipped.class, missing).reason())
                .isEqualTo("the incident has no label 'queue', which playbook 'drain-named-queue' needs");
        awaitEvent(VerificationStarted.class, fine);
        service.verify(1, getRequestedFor(urlEqualTo("/queues/orders/config")).withHeader(INCIDENT, equalTo(fine)));
        service.verify(1, postRequestedFor(urlEqualTo("/queues/orders/drain")).withHeader(INCIDENT, equalTo(fine)));
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(climbing)))).as("not even the snapshot").isEmpty();
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(missing)))).isEmpty();
    }

    @Test
    void aRedeliveredDecisionRunsTheActionOnce() {
        String incident = newIncident();
        EventEnvelope<ActionAuthorized> decision = authorizedEnvelope(incident, "release-memory", newTarget(serviceUrl()));

        sender.send(decision);
        sender.send(decision);

        awaitEvent(VerificationStarted.class, incident);
        sender.send(cleared(incident));
        VerificationPassed passed = awaitEvent(VerificationPassed.class, incident);
        // Decisions of one incident share a partition: once a later one is answered, the redelivery was handled.
        EventEnvelope<ActionAuthorized> later = sender.send(authorized(incident, "release-memory", decision.event().target(), labels()));
        ExecutionSkipped marker = probe.await(ExecutionSkipped.class, skipped -> later.id().equals(skipped.causationId()), WAIT);
        assertThat(marker.reason()).isEqualTo("execution " + passed.executionId() + " already fixed this incident: its verification passed");
        service.verify(1, postRequestedFor(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)));
        assertThat(events(ExecutionStarted.class, incident)).hasSize(1);
        assertThat(events(ExecutionSkipped.class, incident)).as("the redelivery is dropped, not skipped").hasSize(1);
    }

    @Test
    void aSecondDecisionWhileAnExecutionIsInProgressIsSkipped() {
        String incident = newIncident();
        TargetRef target = newTarget(serviceUrl());
        sender.send(authorized(incident, "release-memory", target, labels()));
        ExecutionStarted first = awaitEvent(ExecutionStarted.class, incident);
        awaitEvent(VerificationStarted.class, incident);

        EventEnvelope<ActionAuthorized> second = sender.send(authorized(incident, "release-memory", target, labels()));

        ExecutionSkipped skipped = awaitEvent(ExecutionSkipped.class, incident);
        assertThat(skipped.causationId()).isEqualTo(second.id());
        assertThat(skipped.reason()).isEqualTo("execution " + first.executionId() + " is still in progress for this incident");
        sender.send(cleared(incident));
        awaitEvent(VerificationPassed.class, incident);
        service.verify(1, postRequestedFor(urlPathEqualTo("/actions/release-memory")).withHeader(INCIDENT, equalTo(incident)));
    }

    @Test
    void oneActionInFlightPerTargetWhicheverIncidentAsks() {
        String first = newIncident();
        String second = newIncident();
        TargetRef target = newTarget(serviceUrl());
        sender.send(authorized(first, "release-memory", target, labels()));
        ExecutionStarted running = awaitEvent(ExecutionStarted.class, first);
        awaitEvent(VerificationStarted.class, first);

        EventEnvelope<ActionAuthorized> other = sender.send(authorized(second, "flush-cache", target, labels()));

        ExecutionSkipped skipped = awaitEvent(ExecutionSkipped.class, second);
        assertThat(skipped.causationId()).isEqualTo(other.id());
        assertThat(skipped.reason()).isEqualTo("execution " + running.executionId() + " is in progress on target " + target.name());
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(second)))).isEmpty();

        sender.send(cleared(first));
        awaitEvent(VerificationPassed.class, first);
        String third = newIncident();
        sender.send(authorized(third, "flush-cache", target, labels()));
        assertThat(awaitEvent(ExecutionStarted.class, third).playbookId()).as("the target is free again").isEqualTo("flush-cache");
    }

    @Test
    void theDatabaseHoldsOneActiveExecutionPerTargetEvenWhenIntakesRace() {
        TargetRef target = newTarget(serviceUrl());

        int firstInsert = jdbi.withExtension(ExecutionDao.class, executions -> executions.insertPending("race-a-" + target.name(),
                "decision-a-" + target.name(), newIncident(), "release-memory", Map.of(), Map.of(), "shop", target, TraceParent.root().header()));
        int secondInsert = jdbi.withExtension(ExecutionDao.class, executions -> executions.insertPending("race-b-" + target.name(),
                "decision-b-" + target.name(), newIncident(), "release-memory", Map.of(), Map.of(), "shop", target, TraceParent.root().header()));

        assertThat(firstInsert).isEqualTo(1);
        assertThat(secondInsert).as("the partial unique index on the target refuses a second active execution").isZero();
        jdbi.useHandle(handle -> handle.execute("update execution set status = 'SKIPPED' where execution_id = ?", "race-a-" + target.name()));
    }

    @Test
    void rollsBackToTheSnapshotWhenTheConditionDoesNotClearInTime() {
        String incident = newIncident();
        String snapshot = "{\"ttl\":\"300s\",\"taken-for\":\"" + incident + "\"}";
        service.stubFor(get(urlEqualTo("/cache/config")).withHeader(INCIDENT, equalTo(incident)).atPriority(1).willReturn(okJson(snapshot)));

        sender.send(authorized(incident, "flush-cache", newTarget(serviceUrl()), labels()));

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

        sender.send(authorized(incident, "release-memory", newTarget(serviceUrl()), labels()));

        ExecutionFailed failed = awaitEvent(ExecutionFailed.class, incident);
        assertThat(failed.reason()).startsWith("step 'release-memory' failed: POST http://127.0.0.1:").contains("-> 503");
        assertThat(awaitEvent(RollbackSucceeded.class, incident).executionId()).isEqualTo(failed.executionId());
        service.verify(1, putRequestedFor(urlEqualTo("/admin/config")).withHeader(INCIDENT, equalTo(incident))
                .withRequestBody(equalTo(CONFIG)));
        assertThat(events(VerificationStarted.class, incident)).isEmpty();
        assertThat(steps(incident)).filteredOn(step -> step.phase() == StepPhase.ACTION).singleElement()
                .satisfies(step -> assertThat(step.succeeded()).isFalse());
    }

    @Test
    void refusesToCallAHostOutsideTheAllowlist() {
        String incident = newIncident();
        // The same WireMock, by a name the allowlist does not list: a request to it proves the allowlist leaked.
        String unlisted = "http://localhost:" + service.port();

        sender.send(authorized(incident, "drain-queue", newTarget(unlisted), labels()));

        StepCompleted step = awaitEvent(StepCompleted.class, incident);
        assertThat(step.phase()).isEqualTo(StepPhase.ACTION);
        assertThat(step.succeeded()).isFalse();
        assertThat(step.detail()).isEqualTo("host localhost:" + service.port() + " is not allowed; add it to sentinel.executor.http.allowed-hosts");
        assertThat(awaitEvent(ExecutionFailed.class, incident).reason()).contains("sentinel.executor.http.allowed-hosts");
        assertThat(awaitEvent(RollbackSucceeded.class, incident).detail()).isEqualTo("the playbook defines no rollback; nothing to undo");
        assertThat(service.findAll(anyRequestedFor(anyUrl()).withHeader(INCIDENT, equalTo(incident)))).isEmpty();
    }

    @Test
    void secretsSentToATargetNeverShowUpInEventsOrLogs() {
        String incident = newIncident();
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            sender.send(authorized(incident, "rotate-token", newTarget(serviceUrl()), labels()));

            ExecutionFailed failed = awaitEvent(ExecutionFailed.class, incident);
            awaitEvent(RollbackSucceeded.class, incident);
            service.verify(1, postRequestedFor(urlEqualTo("/tokens/" + SECRET_IN_PATH + "/rotate"))
                    .withHeader("Authorization", equalTo("Bearer " + SECRET)).withHeader(INCIDENT, equalTo(incident)));
            assertThat(failed.reason()).matches("step 'rotate' failed: POST http://127\\.0\\.0\\.1:\\d+/tokens/\\*\\*\\*/rotate -> 500 in \\d+ ms "
                    + "\\(expected 2xx\\)");
            List<String> published = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                for (String name : List.of(topic.topicName(), topic.deadLetterTopicName())) {
                    probe.records(name).forEach(record -> published.add(text(record)));
                }
            }
            assertThat(published).as("every record on every topic").isNotEmpty()
                    .noneMatch(text -> text.contains(SECRET) || text.contains(SECRET_IN_PATH) || text.contains("s3cr3t"));
            assertThat(logs.list).as("the executor's log lines").isNotEmpty()
                    .noneMatch(line -> rendered(line).contains(SECRET) || rendered(line).contains(SECRET_IN_PATH)
                            || rendered(line).contains("s3cr3t"));
            assertThat(logs.list).anyMatch(line -> rendered(line).contains("/tokens/***/rotate"));
        } finally {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        }
    }

    @Test
    void anExecutionStillRunningAtItsRunDeadlineIsFailedAndRolledBack() {
        String incident = newIncident();
        TargetRef target = newTarget(serviceUrl());
        String executionId = "stuck-" + incident;
        String snapshot = "{\"cacheSize\":64,\"before\":\"the hang\"}";
        insertRunning(executionId, incident, target, "now() - interval '1 second'", snapshot);
        // As if the runner had hung: started 46 s ago, with a budget of 45 s.

        ExecutionFailed failed = awaitEvent(ExecutionFailed.class, incident);

        assertThat(failed.executionId()).isEqualTo(executionId);
        assertThat(failed.reason()).startsWith("still running at its run deadline ")
                .endsWith(", 45 s after it started (the sum of its snapshot's and steps' timeouts, and a margin)");
        awaitEvent(RollbackSucceeded.class, incident);
        service.verify(1, putRequestedFor(urlEqualTo("/admin/config")).withHeader(INCIDENT, equalTo(incident)).withRequestBody(equalTo(snapshot)));
    }

    @Test
    void anExecutionInterruptedByARestartIsRolledBackNotRunAgain() {
        String incident = newIncident();
        String executionId = "exec-" + incident;
        String snapshot = "{\"cacheSize\":128,\"before\":\"the crash\"}";
        TraceParent trace = insertRunning(executionId, incident, newTarget(serviceUrl()), "now() + interval '44 seconds'", snapshot);

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

    private TraceParent insertRunning(String executionId, String incident, TargetRef target, String runDeadline, String snapshot) {
        TraceParent trace = TraceParent.root();
        String targetJson = JsonMapper.shared().writeValueAsString(target);
        jdbi.useTransaction(handle -> {
            handle.execute("""
                    insert into execution (execution_id, decision_event_id, incident_id, playbook_id, parameters, labels, resource,
                                           target_name, target, status, started_at, run_deadline, trace_parent)
                    values (?, ?, ?, 'release-memory', '{"reason":"sentinel"}', '{}', 'shop', ?, cast(? as jsonb), 'RUNNING',
                            %s - interval '45 seconds', %s, ?)""".formatted(runDeadline, runDeadline),
                    executionId, "decision-" + incident, incident, target.name(), targetJson, trace.header());
            handle.execute("insert into snapshot (execution_id, body, taken_at) values (?, ?, now())", executionId, snapshot);
        });
        return trace;
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static String rendered(ILoggingEvent event) {
        String throwable = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap() + " " + throwable;
    }

    private static String text(ReceivedRecord record) {
        return record.headers() + " " + (record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
    }
}
