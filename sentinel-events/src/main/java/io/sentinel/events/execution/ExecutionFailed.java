package io.sentinel.events.execution;

import io.sentinel.events.EventFields;

/** A step could not run to completion; a rollback follows. */
public record ExecutionFailed(String incidentId, String causationId, String executionId, String reason) implements ExecutionEvent {

    public ExecutionFailed {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.requireText(reason, "reason");
    }
}
