package io.sentinel.gateway.incident;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import java.time.Instant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes to {@code incident_view}. Each method records what one kind of event tells about an incident. */
public interface IncidentViewDao {

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
                      String fingerprint, String labels, Instant openedAt, String traceId);

    /** The latest analysis replaces the previous one; a playbook named by a decision is not forgotten by it. */
    @SqlUpdate("""
            update incident_view set analyst = :analyst, root_cause = :rootCause, confidence = :confidence,
                   fallback_reason = :fallbackReason, playbook_id = coalesce(:playbookId, playbook_id), risk = :risk
            where incident_id = :incidentId""")
    void recordAnalysis(String incidentId, Analyst analyst, String rootCause, double confidence, String fallbackReason,
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
    void fillContext(String incidentId, String resource, String labels);

    /** The target's environment by the inventory, as the latest analysis or decision names it. */
    @SqlUpdate("update incident_view set environment = coalesce(:environment, environment) where incident_id = :incidentId")
    void recordEnvironment(String incidentId, String environment);

    @SqlUpdate("update incident_view set resolution = :resolution, resolved_at = :resolvedAt where incident_id = :incidentId")
    void recordResolution(String incidentId, Resolution resolution, Instant resolvedAt);
}
