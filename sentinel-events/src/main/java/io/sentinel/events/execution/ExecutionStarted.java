package io.sentinel.events.execution;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.Map;

/** @param causationId the id of the {@code ActionAuthorized} event: the execution's idempotency key */
public record ExecutionStarted(String incidentId, String causationId, String executionId, String playbookId,
                               Map<String, String> parameters, Instant startedAt) implements ExecutionEvent {

    public ExecutionStarted {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(executionId, "executionId");
        EventFields.requireText(playbookId, "playbookId");
        parameters = EventFields.copyOf(parameters);
        EventFields.require(startedAt, "startedAt");
    }
}
