package io.sentinel.executor.execution;

import io.sentinel.events.TraceParent;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;
import java.util.Map;

/**
 * One run of a playbook for one authorized action.
 *
 * @param decisionEventId the {@code ActionAuthorized} event's id: the idempotency key, and the
 *                        causation id of every event the execution publishes
 * @param parameters      the action's parameters with the playbook's defaults filled in
 * @param labels          the incident's labels as the sender wrote them; a playbook sees only those it
 *                        declares, and only once they match their patterns
 * @param target          the inventory target the action was authorized for, as authorized; null if none
 * @param startedAt       when it started running; null while pending
 * @param runDeadline     when its snapshot and steps must have finished (set when it starts)
 * @param traceParent     the decision's trace, which every event of the execution continues
 */
public record Execution(String executionId, String decisionEventId, String incidentId, String playbookId,
                        Map<String, String> parameters, Map<String, String> labels, String resource, TargetRef target,
                        ExecutionStatus status, Instant startedAt, Instant runDeadline, Instant verifyDeadline, Instant finishedAt,
                        String traceParent, String outcomeDetail) {

    public Execution {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The target's name, for the one-execution-per-target rule; null if the action has no target. */
    public String targetName() {
        return target == null ? null : target.name();
    }

    /** A new span in the decision's trace, for the next event. */
    public TraceParent nextSpan() {
        return TraceParent.parse(traceParent).orElseGet(TraceParent::root).child();
    }

    /**
     * Whether the condition clearing at {@code clearedAt} verifies this execution: it cleared after the
     * action started and no later than the verification deadline. A clearing from before the action
     * says nothing about the action; one after the deadline comes too late to count.
     */
    public boolean clearedDuringVerification(Instant clearedAt) {
        return startedAt != null && verifyDeadline != null && !clearedAt.isBefore(startedAt) && !clearedAt.isAfter(verifyDeadline);
    }
}
