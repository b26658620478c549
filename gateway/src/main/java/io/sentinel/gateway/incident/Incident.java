package io.sentinel.gateway.incident;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.gateway.approval.Approval;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the read model knows about one incident.
 *
 * @param timeline  every event about the incident, in the order they happened
 * @param approvals the approval requests made for it, oldest first
 */
public record Incident(String incidentId, IncidentState state, String title, Severity severity, String resource, String environment,
                       String rule, String fingerprint, Map<String, String> labels, Instant openedAt, Instant updatedAt,
                       Instant resolvedAt, Resolution resolution, String playbookId, Risk risk, Analyst analyst, String rootCause,
                       Double confidence, String fallbackReason, String approvalId, String traceId, List<TimelineEntry> timeline,
                       List<Approval> approvals) {

    public Incident {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public Incident withHistory(List<TimelineEntry> timeline, List<Approval> approvals) {
        return new Incident(incidentId, state, title, severity, resource, environment, rule, fingerprint, labels, openedAt, updatedAt,
                resolvedAt, resolution, playbookId, risk, analyst, rootCause, confidence, fallbackReason, approvalId, traceId,
                timeline, approvals);
    }
}
