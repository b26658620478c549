package io.sentinel.detector.incident;

import io.sentinel.detector.threshold.ConditionState;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OpenIncident.class)
public interface IncidentDao {

    String COLUMNS = "incident_id, fingerprint, rule, resource, trace_parent, phase, remediation, occurrences, opened_at, last_update_at";

    @SqlQuery("select " + COLUMNS + " from incident where fingerprint = :fingerprint and phase <> 'RESOLVED'")
    Optional<OpenIncident> findOpenByFingerprint(String fingerprint);

    @SqlQuery("select " + COLUMNS + " from incident where incident_id = :incidentId and phase <> 'RESOLVED'")
    Optional<OpenIncident> findOpen(String incidentId);

    @SqlUpdate("""
            insert into incident (incident_id, fingerprint, rule, resource, trace_parent, phase, opened_at)
            values (:incidentId, :fingerprint, :rule, :resource, :traceParent, 'FIRING', :openedAt)""")
    void insert(String incidentId, String fingerprint, String rule, String resource, String traceParent, Instant openedAt);

    @SqlUpdate("update incident set occurrences = occurrences + 1 where incident_id = :incidentId")
    void countOccurrence(String incidentId);

    @SqlUpdate("update incident set last_update_at = :at where incident_id = :incidentId")
    void markUpdatePublished(String incidentId, Instant at);

    @SqlUpdate("update incident set phase = :phase where incident_id = :incidentId")
    void setPhase(String incidentId, ConditionState.Phase phase);

    @SqlUpdate("update incident set remediation = :remediation where incident_id = :incidentId")
    void setRemediation(String incidentId, Remediation remediation);

    @SqlUpdate("update incident set phase = 'RESOLVED', resolved_at = :at where incident_id = :incidentId")
    void resolve(String incidentId, Instant at);
}
