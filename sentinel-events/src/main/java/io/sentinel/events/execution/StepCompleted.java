package io.sentinel.events.execution;

import io.sentinel.events.EventFields;

/** One step of a playbook ran; {@code detail} says what it did or why it failed. */
public record StepCompleted(String incidentId, String causationId, String executionId, String step, StepPhase phase,
                            boolean succeeded, String detail, long durationMillis) implements ExecutionEvent {

    public StepCompleted {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.requireText(step, "step");
        EventFields.require(phase, "phase");
        EventFields.requireText(detail, "detail");
        if (durationMillis < 0) {
            throw new IllegalArgumentException("field 'durationMillis' must not be negative, was " + durationMillis);
        }
    }
}
