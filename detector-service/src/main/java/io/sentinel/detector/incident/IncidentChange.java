package io.sentinel.detector.incident;

import io.sentinel.detector.rule.Finding;
import io.sentinel.events.incident.Severity;
import java.time.Instant;
import java.util.Map;

/** One change the incident manager decided on, for {@link IncidentSteps} to write. */
public sealed interface IncidentChange {

    record Open(String incidentId, String fingerprint, String rule, String resource, String traceParent, Severity severity,
                Map<String, String> labels, Instant openedAt, String target, Instant recordedAt) implements IncidentChange {
    }

    record CountOccurrence(String incidentId) implements IncidentChange {
    }

    record Announced(String incidentId, Instant at) implements IncidentChange {
    }

    record RaiseSeverity(String incidentId, Severity severity) implements IncidentChange {
    }

    record Refire(String incidentId) implements IncidentChange {
    }

    record Clear(String incidentId, Instant at, boolean flapping) implements IncidentChange {
    }

    record HoldReturn(String incidentId, Finding.Firing returned) implements IncidentChange {
    }

    record DropReturn(String incidentId) implements IncidentChange {
    }

    record Settle(String incidentId) implements IncidentChange {
    }

    record Escalate(String incidentId) implements IncidentChange {
    }

    record Resolve(String incidentId, Instant at) implements IncidentChange {
    }

    record StormSuppressed(String fingerprint, Instant at) implements IncidentChange {
    }

    record ForgetStormSuppressions(Instant before) implements IncidentChange {
    }
}
