package io.sentinel.gateway.incident;

import static io.sentinel.gateway.incident.IncidentState.ANALYZED;
import static io.sentinel.gateway.incident.IncidentState.APPROVED;
import static io.sentinel.gateway.incident.IncidentState.AUTO_APPROVED;
import static io.sentinel.gateway.incident.IncidentState.AWAITING_APPROVAL;
import static io.sentinel.gateway.incident.IncidentState.BLOCKED;
import static io.sentinel.gateway.incident.IncidentState.ESCALATED;
import static io.sentinel.gateway.incident.IncidentState.EXECUTING;
import static io.sentinel.gateway.incident.IncidentState.EXPIRED;
import static io.sentinel.gateway.incident.IncidentState.OPEN;
import static io.sentinel.gateway.incident.IncidentState.REJECTED;
import static io.sentinel.gateway.incident.IncidentState.RESOLVED;
import static io.sentinel.gateway.incident.IncidentState.ROLLED_BACK;
import static io.sentinel.gateway.incident.IncidentState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.IncidentScoped;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentStateMachineTest {

    private static final String INCIDENT = "inc-1";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);
    private static final Instant T3 = T0.plusSeconds(3);
    private static final ProposedAction ACTION = new ProposedAction("release-memory", Map.of());
    private static final Observation OBSERVATION = new Observation("memory_usage_ratio", 0.73, 0.6, null, T0);

    static final IncidentOpened OPENED = new IncidentOpened(INCIDENT, "c", "fp", "memory-usage-high", "Memory high", Severity.WARNING,
            "shop", Map.of(), OBSERVATION, T0, null);
    static final AnalysisCompleted ANALYSIS = new AnalysisCompleted(INCIDENT, "c", Analyst.HEURISTIC, null, "no LLM", "leak", null,
            ACTION, Risk.LOW, 0.5, "shop", "production", Map.of(), null, null, null);
    static final ActionAuthorized AUTO = new ActionAuthorized(INCIDENT, "c", ACTION, Risk.LOW, ApprovalMode.AUTO, null, null,
            "auto-low", "shop", "production", Map.of(), null);
    static final ActionAuthorized HUMAN = new ActionAuthorized(INCIDENT, "c", ACTION, Risk.MEDIUM, ApprovalMode.HUMAN, "alice", "ap-1",
            "approve-medium", "shop", "production", Map.of(), null);
    static final ApprovalRequested REQUESTED = new ApprovalRequested(INCIDENT, "c", "ap-1", ACTION, Risk.MEDIUM, Role.OPERATOR,
            T0.plusSeconds(3600), "approve-medium", "leak", "shop", "production", null);
    static final IncidentResolved RESOLVED_EVENT = new IncidentResolved(INCIDENT, "c", Resolution.REMEDIATED, "verified", T0);
    static final IncidentEscalated ESCALATED_EVENT = new IncidentEscalated(INCIDENT, "c", "rolled back", T0);

    static Stream<Arguments> statesNamedByEvents() {
        return Stream.of(
                Arguments.of(OPENED, OPEN),
                Arguments.of(new IncidentUpdated(INCIDENT, "c", 3, Severity.WARNING, OBSERVATION), null),
                Arguments.of(new ConditionCleared(INCIDENT, "c", OBSERVATION, T0), null),
                Arguments.of(RESOLVED_EVENT, RESOLVED),
                Arguments.of(ESCALATED_EVENT, ESCALATED),
                Arguments.of(ANALYSIS, ANALYZED),
                Arguments.of(AUTO, AUTO_APPROVED),
                Arguments.of(HUMAN, APPROVED),
                Arguments.of(REQUESTED, AWAITING_APPROVAL),
                Arguments.of(new ActionRejected(INCIDENT, "c", "ap-1", "bob", null), REJECTED),
                Arguments.of(new ApprovalExpired(INCIDENT, "c", "ap-1", T0), EXPIRED),
                Arguments.of(new ActionBlocked(INCIDENT, "c", ACTION, Risk.CRITICAL, "deny-critical", "never"), BLOCKED),
                Arguments.of(new ApprovalVoteCast(INCIDENT, "c", "ap-1", "alice", Set.of(Role.OPERATOR), Vote.APPROVE, null, T0), null),
                Arguments.of(new ExecutionStarted(INCIDENT, "c", "ex-1", "release-memory", Map.of(), T0), EXECUTING),
                Arguments.of(new StepCompleted(INCIDENT, "c", "ex-1", "release-memory", StepPhase.ACTION, true, "200", 5), null),
                Arguments.of(new VerificationStarted(INCIDENT, "c", "ex-1", T0), VERIFYING),
                Arguments.of(new VerificationPassed(INCIDENT, "c", "ex-1", "cleared"), null),
                Arguments.of(new VerificationFailed(INCIDENT, "c", "ex-1", "still high"), null),
                Arguments.of(new ExecutionFailed(INCIDENT, "c", "ex-1", "503"), null),
                Arguments.of(new RollbackSucceeded(INCIDENT, "c", "ex-1", "restored"), ROLLED_BACK),
                Arguments.of(new RollbackFailed(INCIDENT, "c", "ex-1", "500"), null),
                Arguments.of(new ExecutionSkipped(INCIDENT, "c", "resolved already"), null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statesNamedByEvents")
    void namesTheStateEachEventPutsAnIncidentIn(IncidentScoped event, IncidentState expected) {
        assertThat(IncidentStateMachine.stateAfter(event)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("an incident first heard of through its analysis is ANALYZED",
                        IncidentStatus.IMPLIED_OPEN, ANALYSIS, T1, new IncidentStatus(ANALYZED, T1)),
                Arguments.of("IncidentOpened on a fresh row keeps it OPEN",
                        IncidentStatus.IMPLIED_OPEN, OPENED, T0, IncidentStatus.IMPLIED_OPEN),
                Arguments.of("IncidentOpened arriving after the analysis does not move the state back to OPEN",
                        new IncidentStatus(ANALYZED, T1), OPENED, T0, new IncidentStatus(ANALYZED, T1)),
                Arguments.of("IncidentOpened stamped after the analysis (clocks of two services disagree) still does not reopen",
                        new IncidentStatus(ANALYZED, T1), OPENED, T2, new IncidentStatus(ANALYZED, T1)),
                Arguments.of("an approval request moves an analyzed incident on",
                        new IncidentStatus(ANALYZED, T1), REQUESTED, T2, new IncidentStatus(AWAITING_APPROVAL, T2)),
                Arguments.of("events at the same instant apply in arrival order",
                        new IncidentStatus(ANALYZED, T1), REQUESTED, T1, new IncidentStatus(AWAITING_APPROVAL, T1)),
                Arguments.of("a human approval answers the request",
                        new IncidentStatus(AWAITING_APPROVAL, T2), HUMAN, T3, new IncidentStatus(APPROVED, T3)),
                Arguments.of("a decision delivered after the execution it caused does not move the state back",
                        new IncidentStatus(EXECUTING, T3), AUTO, T2, new IncidentStatus(EXECUTING, T3)),
                Arguments.of("an analysis delivered late does not undo an approval request",
                        new IncidentStatus(AWAITING_APPROVAL, T2), ANALYSIS, T1, new IncidentStatus(AWAITING_APPROVAL, T2)),
                Arguments.of("an event without a state leaves the state alone",
                        new IncidentStatus(ANALYZED, T1), new StepCompleted(INCIDENT, "c", "ex-1", "s", StepPhase.ACTION, true, "ok", 1), T3,
                        new IncidentStatus(ANALYZED, T1)),
                Arguments.of("a rolled back incident is escalated",
                        new IncidentStatus(ROLLED_BACK, T2), ESCALATED_EVENT, T3, new IncidentStatus(ESCALATED, T3)),
                Arguments.of("any state may resolve",
                        new IncidentStatus(AWAITING_APPROVAL, T2), RESOLVED_EVENT, T3, new IncidentStatus(RESOLVED, T3)),
                Arguments.of("a resolution wins even when a later-stamped event got there first",
                        new IncidentStatus(VERIFYING, T3), RESOLVED_EVENT, T2, new IncidentStatus(RESOLVED, T2)),
                Arguments.of("RESOLVED is terminal",
                        new IncidentStatus(RESOLVED, T2), ESCALATED_EVENT, T3, new IncidentStatus(RESOLVED, T2)),
                Arguments.of("RESOLVED is terminal even for another resolution",
                        new IncidentStatus(RESOLVED, T2), RESOLVED_EVENT, T3, new IncidentStatus(RESOLVED, T2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void movesAnIncidentThroughItsLifecycle(String scenario, IncidentStatus current, IncidentScoped event, Instant at,
                                            IncidentStatus expected) {
        assertThat(IncidentStateMachine.next(current, event, at)).isEqualTo(expected);
    }
}
