package io.sentinel.events.execution;

import io.sentinel.events.EventFields;

public record VerificationPassed(String incidentId, String causationId, String executionId, String detail) implements ExecutionEvent {

    public VerificationPassed {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.requireText(detail, "detail");
    }
}
