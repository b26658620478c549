package io.sentinel.events.incident;

import io.sentinel.events.EventFields;

/** The condition of an open incident was seen again; repeats are counted, never re-opened. */
public record IncidentUpdated(String incidentId, String causationId, long occurrences, Severity severity, Observation observation)
        implements IncidentEvent {

    public IncidentUpdated {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        if (occurrences < 1) {
            throw new IllegalArgumentException("field 'occurrences' must be at least 1, was " + occurrences);
        }
        EventFields.require(severity, "severity");
        EventFields.require(observation, "observation");
    }
}
