package io.sentinel.events.execution;

import io.sentinel.events.EventFields;
import java.time.Instant;

/** The action ran; the executor now waits until {@code deadline} for the condition to clear. */
public record VerificationStarted(String incidentId, String causationId, String executionId, Instant deadline)
        implements ExecutionEvent {

    public VerificationStarted {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.require(deadline, "deadline");
    }
}
