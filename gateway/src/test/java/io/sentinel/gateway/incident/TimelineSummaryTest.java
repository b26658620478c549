package io.sentinel.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.IncidentScoped;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
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
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimelineSummaryTest {

    private static final String I = "inc-1";
    private static final Instant AT = Instant.parse("2026-11-23T14:05:35.860Z");
    private static final ProposedAction ACTION = new ProposedAction("release-memory", Map.of());
    private static final Observation HIGH = new Observation("memory_usage_ratio", 0.734, 0.6, null, AT);

    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of(new IncidentOpened(I, "c", "fp", "memory-usage-high", "Memory usage above 60% on shop", Severity.WARNING,
                        "shop", Map.of(), HIGH, AT, null), "Opened: Memory usage above 60% on shop (memory_usage_ratio 0.73 > 0.60)"),
                Arguments.of(new IncidentOpened(I, "c", "fp", "heartbeat", "shop stopped reporting", Severity.CRITICAL, "shop", Map.of(),
                        new Observation("heartbeat", null, null, "no heartbeat for 5m", AT), AT, null),
                        "Opened: shop stopped reporting (no heartbeat for 5m)"),
                Arguments.of(new IncidentUpdated(I, "c", 7, Severity.WARNING, new Observation("memory_usage_ratio", 0.8, 0.6, null, AT)),
                        "Still firing (7 occurrences) (memory_usage_ratio 0.80 > 0.60)"),
                Arguments.of(new ConditionCleared(I, "c", new Observation("memory_usage_ratio", 0.21, 0.55, null, AT), AT),
                        "Condition cleared (memory_usage_ratio 0.21 < 0.55)"),
                Arguments.of(new IncidentEscalated(I, "c", "rolled back: the fix did not clear the condition", AT),
                        "Escalated: rolled back: the fix did not clear the condition"),
                Arguments.of(new IncidentResolved(I, "c", Resolution.REMEDIATED, "verified by execution ex-1", AT),
                        "Resolved (REMEDIATED): verified by execution ex-1"),
                Arguments.of(new AnalysisCompleted(I, "c", Analyst.HEURISTIC, null, "no LLM configured", "Memory grows without bound",
                        null, ACTION, Risk.LOW, 0.5, "shop", "production", Map.of(), null, null, null),
                        "Analyzed by heuristic: Memory grows without bound; proposes release-memory (risk LOW, confidence 0.50)"),
                Arguments.of(new AnalysisCompleted(I, "c", Analyst.LLM, "gpt-x", null, "A cache without eviction", null, null, Risk.MEDIUM,
                        0.82, "shop", "production", Map.of(), null, null, null),
                        "Analyzed by llm:gpt-x: A cache without eviction; no playbook fits (risk MEDIUM, confidence 0.82)"),
                Arguments.of(new AnalysisCompleted(I, "c", Analyst.LLM, "gpt-x", null, "A cache without eviction",
                        List.of("heap 91% and rising for 14m", "log: OutOfMemoryError in CacheLoader"), ACTION, Risk.MEDIUM, 0.82, "shop",
                        "production", Map.of(), null, new ModelUsage(1830, 212, 0.0041, 2350),
                        List.of("inc-7", "inc-3", "inc-9", "inc-12")),
                        "Analyzed by llm:gpt-x: A cache without eviction; proposes release-memory (risk MEDIUM, confidence 0.82); "
                                + "2 pieces of evidence; similar to inc-7, inc-3, inc-9 and 1 more; 1830 tokens in, 212 out, $0.0041, 2350 ms"),
                Arguments.of(new AnalysisCompleted(I, "c", Analyst.LLM, null, null, "A cache without eviction", List.of("heap 91%"), null,
                        Risk.MEDIUM, 0.82, "shop", "production", Map.of(), null, new ModelUsage(10, 2, null, 5), List.of()),
                        "Analyzed by llm: A cache without eviction; no playbook fits (risk MEDIUM, confidence 0.82); 1 piece of evidence; "
                                + "10 tokens in, 2 out, 5 ms"),
                Arguments.of(new ActionAuthorized(I, "c", ACTION, Risk.LOW, ApprovalMode.AUTO, null, null, "auto-low", "shop", "production",
                        Map.of(), null), "Auto-approved by policy rule auto-low"),
                Arguments.of(new ActionAuthorized(I, "c", ACTION, Risk.MEDIUM, ApprovalMode.HUMAN, "alice", "ap-1", "approve-medium", "shop",
                        "production", Map.of(), null), "Approved by alice"),
                Arguments.of(new ApprovalRequested(I, "c", "ap-1", ACTION, Risk.MEDIUM, Role.OPERATOR, AT.plusSeconds(14_400),
                        "approve-medium", "leak", "shop", "production", null), "Approval requested from operator (expires 2026-11-23T18:05:35Z)"),
                Arguments.of(new ApprovalRequested(I, "c", "ap-1", ACTION, Risk.MEDIUM, Role.OPERATOR, AT.plusSeconds(14_400),
                        "approve-medium", "leak", "shop", "production", new TargetRef("shop-eu", "production", List.of("http://shop.prod:8080"),
                        new KubernetesRef("shop", "Deployment", "shop"))),
                        "Approval requested from operator to run release-memory on shop-eu (production) (expires 2026-11-23T18:05:35Z)"),
                Arguments.of(new ApprovalRequested(I, "c", "ap-1", ACTION, Risk.LOW, Role.OPERATOR, AT.plusSeconds(14_400), "brake:global",
                        "leak", "shop", "production", null, 2, "carol", "auto-low"),
                        "Approval requested from 2 distinct operators, requested by carol, because brake:global is engaged "
                                + "(rule auto-low would have run it alone) (expires 2026-11-23T18:05:35Z)"),
                Arguments.of(new ActionRejected(I, "c", "ap-1", "bob", "not during the sale"), "Rejected by bob: not during the sale"),
                Arguments.of(new ActionRejected(I, "c", "ap-1", "bob", null), "Rejected by bob"),
                Arguments.of(new ApprovalExpired(I, "c", "ap-1", AT), "Approval expired unanswered at 2026-11-23T14:05:35Z"),
                Arguments.of(new ActionBlocked(I, "c", ACTION, Risk.CRITICAL, "deny-critical", "critical-risk actions never run unattended"),
                        "Blocked by policy rule deny-critical: critical-risk actions never run unattended"),
                Arguments.of(new ApprovalVoteCast(I, "c", "ap-1", "alice", Set.of(Role.OPERATOR), Vote.APPROVE, "go", AT),
                        "alice voted approve: go"),
                Arguments.of(new ExecutionStarted(I, "c", "ex-1", "release-memory", Map.of(), AT), "Execution started: release-memory"),
                Arguments.of(new StepCompleted(I, "c", "ex-1", "release-memory", StepPhase.ACTION, true, "POST /actions/release-memory -> 200",
                        42), "Step release-memory succeeded: POST /actions/release-memory -> 200"),
                Arguments.of(new StepCompleted(I, "c", "ex-1", "release-memory", StepPhase.ACTION, false, "POST returned 503", 42),
                        "Step release-memory failed: POST returned 503"),
                Arguments.of(new VerificationStarted(I, "c", "ex-1", AT.plusSeconds(60)), "Verifying until 2026-11-23T14:06:35Z"),
                Arguments.of(new VerificationPassed(I, "c", "ex-1", "condition cleared 4.2s after the action"),
                        "Verification passed: condition cleared 4.2s after the action"),
                Arguments.of(new VerificationFailed(I, "c", "ex-1", "condition still present after 60s"),
                        "Verification failed: condition still present after 60s"),
                Arguments.of(new ExecutionFailed(I, "c", "ex-1", "POST returned 503"), "Execution failed: POST returned 503"),
                Arguments.of(new RollbackSucceeded(I, "c", "ex-1", "restored configuration from snapshot"),
                        "Rolled back: restored configuration from snapshot"),
                Arguments.of(new RollbackFailed(I, "c", "ex-1", "PUT /admin/config returned 500"),
                        "Rollback failed: PUT /admin/config returned 500"),
                Arguments.of(new ExecutionSkipped(I, "c", "incident already resolved"), "Execution skipped: incident already resolved"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("sentences")
    void saysInOneSentenceWhatEachEventMeans(IncidentScoped event, String expected) {
        assertThat(TimelineSummary.of(event)).isEqualTo(expected);
    }

    @Test
    void foldsMultiLineTextOntoOneLine() {
        var failed = new ExecutionFailed(I, "c", "ex-1", "POST returned 503:\n  upstream\tunavailable\r\n");
        assertThat(TimelineSummary.of(failed)).isEqualTo("Execution failed: POST returned 503: upstream unavailable");
    }

    @Test
    void capsVeryLongTextSinceTheFullEventIsKeptBesideIt() {
        String summary = TimelineSummary.of(new ExecutionFailed(I, "c", "ex-1", "x".repeat(5_000)));
        assertThat(summary).hasSize(TimelineSummary.MAX_LENGTH).startsWith("Execution failed: xxx").endsWith("…");
    }
}
