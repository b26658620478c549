package io.sentinel.gateway.incident.db;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.gateway.approval.Approval;
import io.sentinel.gateway.incident.Incident;
import io.sentinel.gateway.incident.IncidentState;
import io.sentinel.gateway.incident.IncidentStatus;
import io.sentinel.gateway.incident.IncidentSummary;
import io.sentinel.gateway.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code incident_view}: each write records what one kind of event tells about an incident. */
public interface IncidentViewDao {

    /** Newest first: by when the incident opened, or for one whose IncidentOpened has not arrived, when it was last heard of. */
    @SqlQuery("""
            select incident_id, state, title, severity, resource, environment, playbook_id, risk, opened_at, updated_at, resolved_at, resolution
            from incident_view
            where cast(:state as text) is null or state = :state
            order by coalesce(opened_at, updated_at) desc, incident_id
            limit :limit""")
    @RegisterConstructorMapper(IncidentSummary.class)
    List<IncidentSummary> list(IncidentState state, int limit);

    @SqlQuery("""
            select incident_id, state, title, severity, resource, environment, rule, fingerprint, labels, opened_at, updated_at, resolved_at,
                   resolution, playbook_id, risk, analyst, analyst_label, root_cause, evidence, confidence, fallback_reason, model_usage,
                   similar_incidents, approval_id, trace_id
            from incident_view where incident_id = :incidentId""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> find(String incidentId);

    @SqlQuery("select exists (select 1 from incident_view where incident_id = :incidentId)")
    boolean exists(String incidentId);

    @SqlUpdate("""
            insert into incident_view (incident_id, state, updated_at, trace_id) values (:incidentId, 'OPEN', :at, :traceId)
            on conflict (incident_id) do nothing""")
    void createIfAbsent(String incidentId, Instant at, String traceId);

    /** Locks the row, so that events about one incident arriving on different topics apply one after the other. */
    @SqlQuery("select state, state_since as since from incident_view where incident_id = :incidentId for update")
    @RegisterConstructorMapper(IncidentStatus.class)
    IncidentStatus lockStatus(String incidentId);

    @SqlUpdate("update incident_view set state = :state, state_since = :since where incident_id = :incidentId")
    void setStatus(String incidentId, IncidentState state, Instant since);

    @SqlUpdate("update incident_view set updated_at = greatest(updated_at, :at) where incident_id = :incidentId")
    void touch(String incidentId, Instant at);

    /** What only the detector knows; the incident's own trace replaces the trace of whichever event created the row. */
    @SqlUpdate("""
            update incident_view set title = :title, severity = :severity, resource = :resource,
                   environment = coalesce(:environment, environment), rule = :rule, fingerprint = :fingerprint,
                   labels = coalesce(cast(:labels as jsonb), labels), opened_at = :openedAt, trace_id = :traceId
            where incident_id = :incidentId""")
    void recordOpened(String incidentId, String title, Severity severity, String resource, String environment, String rule,
                      String fingerprint, @Json Map<String, String> labels, Instant openedAt, String traceId);

    /** The latest analysis replaces the previous one; a playbook named by a decision is not forgotten by it. */
    @SqlUpdate("""
            update incident_view set analyst = :analyst, analyst_label = :analystLabel, root_cause = :rootCause, evidence = :evidence,
                   confidence = :confidence, fallback_reason = :fallbackReason, model_usage = :usage,
                   similar_incidents = :similarIncidents, playbook_id = coalesce(:playbookId, playbook_id), risk = :risk
            where incident_id = :incidentId""")
    void recordAnalysis(String incidentId, Analyst analyst, String analystLabel, String rootCause, @Json List<String> evidence,
                        double confidence, String fallbackReason, @Json ModelUsage usage, @Json List<String> similarIncidents,
                        String playbookId, Risk risk);

    @SqlUpdate("""
            update incident_view set playbook_id = coalesce(:playbookId, playbook_id), risk = coalesce(:risk, risk),
                   approval_id = coalesce(:approvalId, approval_id)
            where incident_id = :incidentId""")
    void recordAction(String incidentId, String playbookId, Risk risk, String approvalId);

    /** Context other stages repeat on their events: fills the gaps until IncidentOpened arrives, never overrides it. */
    @SqlUpdate("""
            update incident_view set resource = coalesce(resource, :resource), labels = coalesce(labels, cast(:labels as jsonb))
            where incident_id = :incidentId""")
    void fillContext(String incidentId, String resource, @Json Map<String, String> labels);

    /** The target's environment by the inventory, as the latest analysis or decision names it. */
    @SqlUpdate("update incident_view set environment = coalesce(:environment, environment) where incident_id = :incidentId")
    void recordEnvironment(String incidentId, String environment);

    @SqlUpdate("update incident_view set resolution = :resolution, resolved_at = :resolvedAt where incident_id = :incidentId")
    void recordResolution(String incidentId, Resolution resolution, Instant resolvedAt);

    /** A row as stored: {@code labels} read by JDBI's JSON plugin; what only IncidentOpened brings is null before it arrives. */
    record Row(String incidentId, IncidentState state, String title, Severity severity, String resource, String environment, String rule,
               String fingerprint, @Json Map<String, String> labels, Instant openedAt, Instant updatedAt, Instant resolvedAt,
               Resolution resolution, String playbookId, Risk risk, Analyst analyst, String analystLabel, String rootCause,
               @Json List<String> evidence, Double confidence, String fallbackReason, @Json ModelUsage modelUsage,
               @Json List<String> similarIncidents, String approvalId, String traceId) {

        Incident incident(List<TimelineEntry> timeline, List<Approval> approvals) {
            return new Incident(incidentId, state, title, severity, resource, environment, rule, fingerprint, labels, openedAt, updatedAt,
                    resolvedAt, resolution, playbookId, risk, analyst, analystLabel, rootCause, evidence, confidence, fallbackReason,
                    modelUsage, similarIncidents, approvalId, traceId, timeline, approvals);
        }
    }
}
