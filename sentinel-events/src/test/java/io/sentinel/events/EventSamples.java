package io.sentinel.events;

import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.answer.AnswerChunk;
import io.sentinel.events.answer.AnswerCompleted;
import io.sentinel.events.question.QuestionAsked;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.execution.ClearedWithoutRemediation;
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
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.node.JsonNodeFactory;

/** One fully populated example of every event type: the content of the golden files. */
final class EventSamples {

    static final String INCIDENT = "6f1d2c4e-0b5a-4f3e-9a57-3c2d1e0f9a88";
    static final String CAUSE = "0e4a5b6c-7d8e-4f90-a1b2-c3d4e5f60718";
    static final String EXECUTION = "a9b8c7d6-e5f4-4321-8765-43210fedcba9";
    static final String APPROVAL = "5c0ffee5-1234-4abc-9def-0123456789ab";
    static final Instant AT = Instant.parse("2026-11-23T14:05:35.860Z");
    static final Map<String, String> LABELS = Map.of("environment", "production", "service", "shop", "instance", "127.0.0.1:8092");
    static final ProposedAction ACTION = new ProposedAction("release-memory", Map.of("reason", "memory-usage-high"));
    static final TargetRef TARGET = new TargetRef("shop-prod", "production", List.of("http://shop.prod.svc:8080"),
            new KubernetesRef("shop", "Deployment", "shop"));
    static final Observation OBSERVATION = new Observation("memory_usage_ratio", 0.734, 0.6, null, AT);

    private EventSamples() {
    }

    static Map<Class<? extends SentinelEvent>, SentinelEvent> all() {
        return Stream.of(
                new MetricBatch("scrape", "shop-prod", LABELS, AT, List.of(
                        new MetricSample("memory_usage_ratio", Map.of("container", "shop"), 0.734, AT),
                        new MetricSample("container_memory_working_set_bytes", Map.of("container", "shop"), 4.9E7, AT)), "shop-prod"),
                new ExternalAlert("alertmanager", "node-1", "cdd08c7788026298", AlertStatus.FIRING,
                        Map.of("alertname", "NodeDown", "instance", "node-1:9100", "severity", "critical"),
                        Map.of("summary", "node-1 is down"), AT, null, "http://prometheus:9090/graph?g0.expr=up+%3D%3D+0", AT),
                new LogBatch("ingest", "checkout", Map.of("environment", "production"), List.of(
                        new LogEntry("ERROR", "Payment 4711 failed: timeout after 30000 ms", "java.net.SocketTimeoutException: Read timed out\n\tat ...",
                                AT, Map.of("logger", "PaymentClient"))), AT),
                new HeartbeatReceived("nightly-backup", Map.of("environment", "production"), Duration.ofHours(24), Duration.ofHours(1), AT),
                new LlmTraceBatch("ingest", "support-bot", Map.of("environment", "production"), List.of(
                        new LlmTrace("trace-1", "answer-ticket", AT, "user-7", "session-3", List.of(
                                new LlmObservation("gen-1", LlmObservationType.GENERATION, "draft-answer", AT, AT.plusMillis(1200), "gpt-4o-mini",
                                        812L, 164L, 0.00022, "DEFAULT", null, "{\"answer\": \"Restart the router.\"}"),
                                new LlmObservation("tool-1", LlmObservationType.TOOL, "search-kb", AT, AT.plusMillis(90), null,
                                        null, null, null, "DEFAULT", null, "[]")),
                                List.of(new LlmScore("helpfulness", 0.82, "gen-1", "rated by judge")))), AT),
                new IncidentOpened(INCIDENT, CAUSE, "memory-usage-high|shop-prod", "memory-usage-high",
                        "Memory usage above 60% on shop-prod", Severity.WARNING, "shop-prod", LABELS, OBSERVATION, AT, "shop-prod"),
                new IncidentUpdated(INCIDENT, CAUSE, 7, Severity.WARNING, OBSERVATION),
                new ConditionCleared(INCIDENT, CAUSE, new Observation("memory_usage_ratio", 0.21, 0.55, null, AT), AT),
                new IncidentResolved(INCIDENT, CAUSE, Resolution.REMEDIATED, "verified by execution " + EXECUTION, AT),
                new IncidentEscalated(INCIDENT, CAUSE, "rolled back: the fix did not clear the condition", AT),
                new AnalysisCompleted(INCIDENT, CAUSE, Analyst.HEURISTIC, null, "no LLM configured",
                        "Memory grows without bound: a leak or an oversized cache", List.of("memory_usage_ratio=0.734 above 0.6 for 30s"),
                        ACTION, Risk.MEDIUM, 0.5, "shop-prod", "production", LABELS, "shop-prod",
                        new ModelUsage(1840, 212, 0.00041, 2300), List.of("1b2c3d4e-0000-4000-8000-000000000001")),
                new ActionAuthorized(INCIDENT, CAUSE, ACTION, Risk.MEDIUM, ApprovalMode.HUMAN, "alice, bob", APPROVAL,
                        "brake:global", "shop-prod", "production", LABELS, TARGET, List.of("alice", "bob")),
                new ApprovalRequested(INCIDENT, CAUSE, APPROVAL, ACTION, Risk.MEDIUM, Role.OPERATOR, AT.plusSeconds(14_400),
                        "brake:global", "Memory grows without bound", "shop-prod", "production", TARGET, 2, "carol", "auto-low"),
                new ActionRejected(INCIDENT, CAUSE, APPROVAL, "bob", "not during the sale", "brake:global"),
                new ApprovalExpired(INCIDENT, CAUSE, APPROVAL, AT, "brake:global"),
                new ActionBlocked(INCIDENT, CAUSE, ACTION, Risk.CRITICAL, "deny-critical", "critical-risk actions never run unattended"),
                new ApprovalVoteCast(INCIDENT, CAUSE, APPROVAL, "alice", Set.of(Role.OPERATOR), Vote.APPROVE, "go", AT),
                new BrakeReleased("7d3e9f10-2b4c-4d5e-8f60-718293a4b5c6", "ada", "the failing rollbacks were a broken playbook, fixed in v2",
                        AT, Set.of(Role.ADMIN)),
                new ExecutionStarted(INCIDENT, CAUSE, EXECUTION, "release-memory", Map.of("reason", "memory-usage-high"), AT),
                new StepCompleted(INCIDENT, CAUSE, EXECUTION, "release-memory", StepPhase.ACTION, true, "POST /actions/release-memory -> 200", 42),
                new VerificationStarted(INCIDENT, CAUSE, EXECUTION, AT.plusSeconds(60)),
                new VerificationPassed(INCIDENT, CAUSE, EXECUTION, "condition cleared 4.2s after the action"),
                new VerificationFailed(INCIDENT, CAUSE, EXECUTION, "condition still present after 60s"),
                new ExecutionFailed(INCIDENT, CAUSE, EXECUTION, "step release-memory: POST returned 503"),
                new RollbackSucceeded(INCIDENT, CAUSE, EXECUTION, "restored configuration from snapshot"),
                new RollbackFailed(INCIDENT, CAUSE, EXECUTION, "PUT /admin/config returned 500"),
                new ExecutionSkipped(INCIDENT, CAUSE, "incident already resolved"),
                new ClearedWithoutRemediation(INCIDENT, CAUSE, AT),
                new SettingChanged("detector.thresholds.memory-usage-high",
                        JsonNodeFactory.instance.objectNode().put("above", 0.7).put("for", "1m"), "alice", AT),
                new SettingRemoved("detector.thresholds.memory-usage-high", "alice", AT),
                new QuestionAsked("conv-1", "q-1", "Why did shop-prod run out of memory?", INCIDENT, "alice", AT),
                new AnswerChunk("conv-1", "q-1", 0, "The shop's cache grew without bound "),
                new AnswerCompleted("conv-1", "q-1", 3, Analyst.LLM, "gpt-4o-mini", null, List.of("incident " + INCIDENT, "playbook release-memory"),
                        ACTION, new ModelUsage(2100, 180, null, 1900), AT)
        ).collect(Collectors.toMap(SentinelEvent::getClass, event -> event));
    }
}
