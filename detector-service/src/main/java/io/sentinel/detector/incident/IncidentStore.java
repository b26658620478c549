package io.sentinel.detector.incident;

import io.sentinel.detector.rule.Finding;
import io.sentinel.events.incident.Severity;
import java.time.Instant;
import java.util.Map;

/** Where the incident manager's decisions are written ({@link IncidentSteps} applies them). */
public interface IncidentStore {

    /**
     * @param labels     the labels silences and inhibitions match it by
     * @param openedAt   the signal's own time
     * @param recordedAt the detector's clock when it opened the incident: what the storm budget counts
     */
    void insert(String incidentId, String fingerprint, String rule, String resource, String traceParent, Severity severity,
                Map<String, String> labels, Instant openedAt, String target, Instant recordedAt);

    void countOccurrence(String incidentId);

    void markUpdatePublished(String incidentId, Instant at);

    void setSeverity(String incidentId, Severity severity);

    /** The condition is present again: back to firing, and no longer cleared. */
    void markFiring(String incidentId);

    void markCleared(String incidentId, Instant at, boolean flapping);

    void holdReturn(String incidentId, Finding.Firing returned);

    void dropReturn(String incidentId);

    void markSettling(String incidentId);

    void markEscalated(String incidentId);

    void resolve(String incidentId, Instant at);

    void stormSuppressed(String fingerprint, Instant at);

    void forgetStormSuppressionsBefore(Instant before);
}
