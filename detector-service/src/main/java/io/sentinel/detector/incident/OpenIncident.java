package io.sentinel.detector.incident;

import io.sentinel.detector.threshold.ConditionState;
import io.sentinel.events.TraceParent;
import java.time.Instant;

/** An incident this detector opened and has not resolved. */
public record OpenIncident(String incidentId, String fingerprint, String rule, String resource, String traceParent,
                           ConditionState.Phase phase, Remediation remediation, long occurrences, Instant openedAt,
                           Instant lastUpdateAt) {

    /** The incident's trace; everything published about the incident continues it. */
    public TraceParent trace() {
        return TraceParent.parse(traceParent).orElseGet(TraceParent::root).child();
    }
}
