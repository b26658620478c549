package io.sentinel.detector.incident;

import io.sentinel.detector.rule.Finding;
import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.Severity;
import java.time.Instant;

/**
 * An incident this detector opened and has not resolved.
 *
 * @param clearedAt when the detector saw the condition clear, by its own clock; null while firing
 * @param flapping  whether the fingerprint was flapping when the condition last cleared
 * @param escalated whether a fix was given up on (rolled back) and the incident handed to people
 * @param returned  the condition's return while the incident awaited the executor's verdict on its clearing;
 *                  opened as a new incident once the verdict ends this one (null: none)
 */
public record OpenIncident(String incidentId, String fingerprint, String rule, String resource, String traceParent, IncidentPhase phase,
                           Severity severity, long occurrences, Instant openedAt, Instant lastUpdateAt, Instant clearedAt,
                           boolean flapping, boolean escalated, Finding.Firing returned) {

    /** The incident's trace; everything published about the incident continues it. */
    public TraceParent trace() {
        return TraceParent.parse(traceParent).orElseGet(TraceParent::root).child();
    }
}
