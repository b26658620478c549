package io.sentinel.executor.execution;

import io.sentinel.events.TraceParent;
import io.sentinel.executor.http.TemplateVariables;
import java.time.Instant;
import java.util.Map;

/**
 * One run of a playbook for one authorized action.
 *
 * @param decisionEventId the {@code ActionAuthorized} event's id: the idempotency key, and the
 *                        causation id of every event the execution publishes
 * @param parameters      the action's parameters with the playbook's defaults filled in
 * @param labels          the incident's labels, for {@code {{labels.x}}} in the playbook
 * @param startedAt       when it started running; null while pending
 * @param traceParent     the decision's trace, which every event of the execution continues
 */
public record Execution(String executionId, String decisionEventId, String incidentId, String playbookId,
                        Map<String, String> parameters, Map<String, String> labels, String resource, ExecutionStatus status,
                        Instant startedAt, Instant verifyDeadline, Instant finishedAt, String traceParent, String outcomeDetail) {

    public Execution {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
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

    /** @param snapshotBody the snapshot taken before acting, or null if none was */
    public TemplateVariables variables(String snapshotBody) {
        return new TemplateVariables(labels, parameters, incidentId, resource, snapshotBody);
    }
}
