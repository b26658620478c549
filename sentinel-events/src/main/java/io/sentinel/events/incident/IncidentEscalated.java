package io.sentinel.events.incident;

import io.sentinel.events.EventFields;
import java.time.Instant;

/** Automation gave up on the incident; a human owns it now. */
public record IncidentEscalated(String incidentId, String causationId, String reason, Instant escalatedAt) implements IncidentEvent {

    public IncidentEscalated {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(reason, "reason");
        EventFields.require(escalatedAt, "escalatedAt");
    }
}
