package io.sentinel.events.execution;

import io.sentinel.events.EventFields;

/** The fix did not work; a rollback follows. */
public record VerificationFailed(String incidentId, String causationId, String executionId, String reason) implements ExecutionEvent {

    public VerificationFailed {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.requireText(reason, "reason");
    }
}
