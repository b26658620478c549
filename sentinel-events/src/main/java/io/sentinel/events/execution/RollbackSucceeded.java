package io.sentinel.events.execution;

import io.sentinel.events.EventFields;

/** The target is back to its snapshot. The incident is escalated: automation could not fix it. */
public record RollbackSucceeded(String incidentId, String causationId, String executionId, String detail) implements ExecutionEvent {

    public RollbackSucceeded {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.requireText(detail, "detail");
    }
}
