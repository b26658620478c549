package io.sentinel.events.incident;

import io.sentinel.events.EventFields;
import java.time.Instant;

public record IncidentResolved(String incidentId, String causationId, Resolution resolution, String summary, Instant resolvedAt)
        implements IncidentEvent {

    public IncidentResolved {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.require(resolution, "resolution");
        EventFields.requireText(summary, "summary");
        EventFields.require(resolvedAt, "resolvedAt");
    }
}
