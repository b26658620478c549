package io.sentinel.detector.incident.db;

import io.sentinel.detector.incident.IncidentPhase;
import io.sentinel.detector.incident.OpenIncident;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.incident.Severity;
import java.time.Instant;
import org.jdbi.v3.json.Json;

/** An {@code incident} row as read; {@code returned} is a jsonb column. */
public record IncidentRow(String incidentId, String fingerprint, String rule, String resource, String traceParent, IncidentPhase phase,
                          Severity severity, long occurrences, Instant openedAt, Instant lastUpdateAt, Instant clearedAt, boolean flapping,
                          boolean escalated, @Json Finding.Firing returned) {

    OpenIncident incident() {
        return new OpenIncident(incidentId, fingerprint, rule, resource, traceParent, phase, severity, occurrences, openedAt, lastUpdateAt,
                clearedAt, flapping, escalated, returned);
    }
}
