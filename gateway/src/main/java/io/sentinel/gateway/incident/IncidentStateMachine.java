package io.sentinel.gateway.incident;

import io.sentinel.events.IncidentScoped;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.AnalysisEvent;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.ExecutionFailed;
import io.sentinel.events.execution.ExecutionSkipped;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.RollbackFailed;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.VerificationFailed;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.execution.VerificationStarted;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import java.time.Instant;
import java.util.Optional;

/**
 * The incident lifecycle of the read model. Each topic is consumed on its own, so an incident's
 * events can arrive out of order across topics (an ExecutionStarted before the ActionAuthorized
 * that caused it); the state is therefore the one named by the latest state-carrying event by
 * event time, not by arrival. RESOLVED is terminal, and IncidentOpened never moves a known state
 * back to OPEN. Pure: no clock, no I/O.
 */
public final class IncidentStateMachine {

    private IncidentStateMachine() {
    }

    /** Where the incident stands once {@code event}, which happened at {@code at}, is taken into account. */
    public static IncidentStatus next(IncidentStatus current, IncidentScoped event, Instant at) {
        Optional<IncidentState> target = stateAfter(event);
        if (current.state() == IncidentState.RESOLVED || target.isEmpty()) {
            return current;
        }
        IncidentState state = target.get();
        if (state == IncidentState.RESOLVED) {
            // Whatever else is still in flight, an incident that resolved is resolved.
            return new IncidentStatus(state, at);
        }
        if (state == IncidentState.OPEN) {
            return current;
        }
        if (current.since() != null && at.isBefore(current.since())) {
            return current;
        }
        return new IncidentStatus(state, at);
    }

    /**
     * The state an event puts an incident in, if it puts it in one. Exhaustive per event family, so
     * a new event type does not compile until someone decides what it means here.
     */
    public static Optional<IncidentState> stateAfter(IncidentScoped event) {
        return Optional.ofNullable(switch (event) {
            case IncidentEvent incident -> switch (incident) {
                case IncidentOpened opened -> IncidentState.OPEN;
                case IncidentResolved resolved -> IncidentState.RESOLVED;
                case IncidentEscalated escalated -> IncidentState.ESCALATED;
                case IncidentUpdated updated -> null;
                case ConditionCleared cleared -> null;
            };
            case AnalysisEvent analysis -> switch (analysis) {
                case AnalysisCompleted completed -> IncidentState.ANALYZED;
            };
            case DecisionEvent decision -> switch (decision) {
                case ActionAuthorized authorized -> authorized.approval() == ApprovalMode.AUTO
                        ? IncidentState.AUTO_APPROVED
                        : IncidentState.APPROVED;
                case ApprovalRequested requested -> IncidentState.AWAITING_APPROVAL;
                case ActionRejected rejected -> IncidentState.REJECTED;
                case ApprovalExpired expired -> IncidentState.EXPIRED;
                case ActionBlocked blocked -> IncidentState.BLOCKED;
            };
            case ExecutionEvent execution -> switch (execution) {
                case ExecutionStarted started -> IncidentState.EXECUTING;
                case VerificationStarted verifying -> IncidentState.VERIFYING;
                case RollbackSucceeded rolledBack -> IncidentState.ROLLED_BACK;
                // The outcome that follows these (a rollback, an escalation, a resolution) moves the state.
                case StepCompleted step -> null;
                case VerificationPassed passed -> null;
                case VerificationFailed failed -> null;
                case ExecutionFailed failed -> null;
                case RollbackFailed failed -> null;
                case ExecutionSkipped skipped -> null;
                case ClearedWithoutRemediation cleared -> null;
            };
            // A vote is not a decision: the policy service's decision that follows moves the state.
            case ApprovalVoteCast vote -> null;
            default -> null;
        });
    }
}
