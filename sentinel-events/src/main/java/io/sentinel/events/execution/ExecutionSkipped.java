package io.sentinel.events.execution;

import io.sentinel.events.EventFields;

/** An authorized action was not run, e.g. because the incident resolved first or another execution is active. */
public record ExecutionSkipped(String incidentId, String causationId, String reason) implements ExecutionEvent {

    public ExecutionSkipped {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(reason, "reason");
    }
}
