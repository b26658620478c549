package io.sentinel.gateway.incident;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import java.time.Instant;

/** An incident as a list shows it. Fields that only IncidentOpened carries are null until it has arrived. */
public record IncidentSummary(String incidentId, IncidentState state, String title, Severity severity, String resource,
                              String environment, String playbookId, Risk risk, Instant openedAt, Instant updatedAt,
                              Instant resolvedAt, Resolution resolution) {
}
