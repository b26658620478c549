package io.sentinel.detector.incident;

import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.Severity;
import java.time.Instant;

/** An incident this detector opened and has not resolved. */
public record OpenIncident(String incidentId, String fingerprint, String rule, String resource, String traceParent,
                           IncidentPhase phase, Remediation remediation, Severity severity, long occurrences, Instant openedAt,
                           Instant lastUpdateAt, Instant clearedAt) {

    /** The incident's trace; everything published about the incident continues it. */
    public TraceParent trace() {
        return TraceParent.parse(traceParent).orElseGet(TraceParent::root).child();
    }
}
