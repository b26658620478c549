package io.sentinel.events.execution;

import io.sentinel.events.EventFields;

public record RollbackFailed(String incidentId, String causationId, String executionId, String reason) implements ExecutionEvent {

    public RollbackFailed {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.requireText(reason, "reason");
    }
}
