package io.sentinel.detector.incident;

import io.sentinel.events.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OpenIncident.class)
public interface IncidentDao {

    String COLUMNS = """
            incident_id, fingerprint, rule, resource, trace_parent, phase, remediation, severity, occurrences, opened_at,
            last_update_at, cleared_at""";

    /** Locks the row: a signal and a clock tick must not both act on one incident at once. */
    @SqlQuery("select " + COLUMNS + " from incident where fingerprint = :fingerprint and phase <> 'RESOLVED' for update")
    Optional<OpenIncident> findOpenByFingerprint(String fingerprint);

    @SqlQuery("select " + COLUMNS + " from incident where incident_id = :incidentId and phase <> 'RESOLVED' for update")
    Optional<OpenIncident> findOpen(String incidentId);

    @SqlQuery("select incident_id, fingerprint, labels::text as labels from incident where phase <> 'RESOLVED'")
    @RegisterConstructorMapper(StoredLabels.class)
    List<StoredLabels> openIncidentLabels();

    /** An open incident's labels as stored: JSON text. */
    record StoredLabels(String incidentId, String fingerprint, String labels) {
    }

    @SqlQuery("select count(*) from incident where fingerprint = :fingerprint and opened_at > :since")
    long openingsSince(String fingerprint, Instant since);

    /** Cleared incidents no fix is being verified for, whose condition has stayed clear since before {@code clearedBefore}. */
    @SqlQuery("select " + COLUMNS + " from incident where phase = 'CLEARED' and remediation <> 'RUNNING' and cleared_at < :clearedBefore"
            + " for update skip locked")
    List<OpenIncident> settledSince(Instant clearedBefore);

    /**
     * @param target     the inventory target, or null
     * @param recordedAt the detector's clock when it opened the incident ({@code openedAt} is the signal's own time): what the
     *                   opening budget counts
     */
    @SqlUpdate("""
            insert into incident (incident_id, fingerprint, rule, resource, trace_parent, phase, severity, labels, opened_at, target, recorded_at)
            values (:incidentId, :fingerprint, :rule, :resource, :traceParent, 'FIRING', :severity, cast(:labels as jsonb), :openedAt, :target,
                    :recordedAt)""")
    void insert(String incidentId, String fingerprint, String rule, String resource, String traceParent, Severity severity,
                String labels, Instant openedAt, String target, Instant recordedAt);

    /** Incidents opened since {@code since} by the detector's clock, the storm incident itself left out. */
    @SqlQuery("select count(*) from incident where recorded_at > :since and rule <> :excludedRule")
    long openedSince(Instant since, String excludedRule);

    @SqlUpdate("update incident set occurrences = occurrences + 1 where incident_id = :incidentId")
    void countOccurrence(String incidentId);

    @SqlUpdate("update incident set last_update_at = :at where incident_id = :incidentId")
    void markUpdatePublished(String incidentId, Instant at);

    @SqlUpdate("update incident set severity = :severity where incident_id = :incidentId")
    void setSeverity(String incidentId, Severity severity);

    @SqlUpdate("update incident set phase = 'FIRING', cleared_at = null where incident_id = :incidentId")
    void markFiring(String incidentId);

    @SqlUpdate("update incident set phase = 'CLEARED', cleared_at = :at where incident_id = :incidentId")
    void markCleared(String incidentId, Instant at);

    @SqlUpdate("update incident set remediation = :remediation where incident_id = :incidentId")
    void setRemediation(String incidentId, Remediation remediation);

    @SqlUpdate("update incident set phase = 'RESOLVED', resolved_at = :at where incident_id = :incidentId")
    void resolve(String incidentId, Instant at);
}
