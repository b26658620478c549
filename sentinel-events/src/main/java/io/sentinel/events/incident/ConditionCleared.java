package io.sentinel.events.incident;

import io.sentinel.events.EventFields;
import java.time.Instant;

/** The incident's condition fell back past its clear level (hysteresis); what the executor verifies a fix by. */
public record ConditionCleared(String incidentId, String causationId, Observation observation, Instant clearedAt)
        implements IncidentEvent {

    public ConditionCleared {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.require(observation, "observation");
        EventFields.require(clearedAt, "clearedAt");
    }
}
