package io.sentinel.gateway.incident;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
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
 * @param analystLabel     who produced the latest analysis: {@code heuristic} or {@code llm:<model>}
 * @param evidence         what the latest analysis names as its evidence
 * @param usage            what the model's answer cost, when a model answered
 * @param similarIncidents past incidents the latest analysis drew on, most similar first
 * @param timeline         every event about the incident, in the order they happened
 * @param approvals        the approval requests made for it, oldest first
 */
public record Incident(String incidentId, IncidentState state, String title, Severity severity, String resource, String environment,
                       String rule, String fingerprint, Map<String, String> labels, Instant openedAt, Instant updatedAt,
                       Instant resolvedAt, Resolution resolution, String playbookId, Risk risk, Analyst analyst, String analystLabel,
                       String rootCause, List<String> evidence, Double confidence, String fallbackReason, ModelUsage usage,
                       List<String> similarIncidents, String approvalId, String traceId, List<TimelineEntry> timeline,
                       List<Approval> approvals) {

    public Incident {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        similarIncidents = similarIncidents == null ? List.of() : List.copyOf(similarIncidents);
    }

    public Incident withHistory(List<TimelineEntry> timeline, List<Approval> approvals) {
        return new Incident(incidentId, state, title, severity, resource, environment, rule, fingerprint, labels, openedAt, updatedAt,
                resolvedAt, resolution, playbookId, risk, analyst, analystLabel, rootCause, evidence, confidence, fallbackReason, usage,
                similarIncidents, approvalId, traceId, timeline, approvals);
    }
}
