package io.sentinel.notifier.notification;

import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.notifier.incident.IncidentSummary;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Something people should hear about, with the JSON payload receivers get. The payload is a stable
 * contract: fields are only ever added. Every payload has
 *
 * <pre>
 * {
 *   "kind":        "incident.opened" | "approval.requested" | "incident.resolved" | "incident.escalated",
 *   "incidentId":  "6f1d2c4e-...",
 *   "title":       "Memory usage above 60% on shop",   null if the notifier never saw the incident open
 *   "severity":    "INFO" | "WARNING" | "CRITICAL",      null likewise
 *   "resource":    "shop",                              null likewise
 *   "environment": "production",                        null when unknown
 *   "occurredAt":  "2026-11-23T14:05:35.860Z"           when it happened (ISO-8601, UTC)
 * }
 * </pre>
 *
 * and, by kind:
 * <ul>
 *   <li>{@code approval.requested}: {@code approvalId}, {@code playbook} (the playbook id),
 *       {@code risk} (LOW, MEDIUM, HIGH, CRITICAL), {@code requiredRole} (VIEWER, OPERATOR, ADMIN),
 *       {@code expiresAt} (ISO-8601) and {@code rationale} (why the action was proposed);</li>
 *   <li>{@code incident.resolved}: {@code resolution} (REMEDIATED, CLEARED_BY_ITSELF) and {@code summary};</li>
 *   <li>{@code incident.escalated}: {@code reason}.</li>
 * </ul>
 * Keys are always present, with {@code null} when a value is unknown.
 */
public record Notification(NotificationKind kind, String incidentId, Map<String, Object> payload) {

    public static Notification incidentOpened(IncidentOpened opened) {
        Map<String, Object> payload = common(NotificationKind.INCIDENT_OPENED, opened.incidentId(), Optional.of(IncidentSummary.of(opened)),
                opened.openedAt());
        return new Notification(NotificationKind.INCIDENT_OPENED, opened.incidentId(), Collections.unmodifiableMap(payload));
    }

    /** @param requestedAt when the request was made (its event's time; the event itself carries none) */
    public static Notification approvalRequested(ApprovalRequested request, Optional<IncidentSummary> incident, Instant requestedAt) {
        Map<String, Object> payload = common(NotificationKind.APPROVAL_REQUESTED, request.incidentId(), incident, requestedAt);
        // The request names the resource and environment itself; they win over what the opening said.
        payload.put("resource", request.resource());
        payload.put("environment", request.environment());
        payload.put("approvalId", request.approvalId());
        payload.put("playbook", request.action().playbookId());
        payload.put("risk", request.risk().name());
        payload.put("requiredRole", request.requiredRole().name());
        payload.put("expiresAt", request.expiresAt().toString());
        payload.put("rationale", request.rationale());
        return new Notification(NotificationKind.APPROVAL_REQUESTED, request.incidentId(), Collections.unmodifiableMap(payload));
    }

    public static Notification incidentResolved(IncidentResolved resolved, Optional<IncidentSummary> incident) {
        Map<String, Object> payload = common(NotificationKind.INCIDENT_RESOLVED, resolved.incidentId(), incident, resolved.resolvedAt());
        payload.put("resolution", resolved.resolution().name());
        payload.put("summary", resolved.summary());
        return new Notification(NotificationKind.INCIDENT_RESOLVED, resolved.incidentId(), Collections.unmodifiableMap(payload));
    }

    public static Notification incidentEscalated(IncidentEscalated escalated, Optional<IncidentSummary> incident) {
        Map<String, Object> payload = common(NotificationKind.INCIDENT_ESCALATED, escalated.incidentId(), incident, escalated.escalatedAt());
        payload.put("reason", escalated.reason());
        return new Notification(NotificationKind.INCIDENT_ESCALATED, escalated.incidentId(), Collections.unmodifiableMap(payload));
    }

    private static Map<String, Object> common(NotificationKind kind, String incidentId, Optional<IncidentSummary> incident,
                                              Instant occurredAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", kind.wireName());
        payload.put("incidentId", incidentId);
        payload.put("title", incident.map(IncidentSummary::title).orElse(null));
        payload.put("severity", incident.map(summary -> summary.severity().name()).orElse(null));
        payload.put("resource", incident.map(IncidentSummary::resource).orElse(null));
        payload.put("environment", incident.map(IncidentSummary::environment).orElse(null));
        payload.put("occurredAt", occurredAt.toString());
        return payload;
    }
}
