package io.sentinel.executor.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What the detector observed about incidents (the latest time each one's condition cleared) and the
 * executor's own verdict on it (whether it cleared with none of its executions involved).
 */
public interface IncidentConditionDao {

    /**
     * Serializes, until the transaction ends, everything the executor decides about one incident: taking
     * in a decision for it and judging its clearing. Whichever comes second sees what the first
     * committed, so a decision and a clearing racing on two consumer threads end the same way as if
     * they had arrived one after the other.
     */
    @SqlQuery("select 1 from pg_advisory_xact_lock(hashtextextended('sentinel.executor.incident:' || :incidentId, 0))")
    int lockIncident(String incidentId);

    @SqlUpdate("""
            insert into incident_condition (incident_id, cleared_at) values (:incidentId, :clearedAt)
            on conflict (incident_id) do update set cleared_at = greatest(incident_condition.cleared_at, excluded.cleared_at)""")
    void recordCleared(String incidentId, Instant clearedAt);

    /** The condition cleared while no execution of the incident was working on it: later decisions for it are skipped. */
    @SqlUpdate("""
            insert into incident_condition (incident_id, cleared_at, cleared_without_remediation_at) values (:incidentId, :clearedAt, :clearedAt)
            on conflict (incident_id) do update set
                cleared_at = greatest(incident_condition.cleared_at, excluded.cleared_at),
                cleared_without_remediation_at = coalesce(incident_condition.cleared_without_remediation_at, excluded.cleared_at)""")
    void recordClearedWithoutRemediation(String incidentId, Instant clearedAt);

    @SqlQuery("select cleared_at from incident_condition where incident_id = :incidentId and cleared_at is not null")
    Optional<Instant> clearedAt(String incidentId);

    @SqlQuery("""
            select exists (select 1 from incident_condition where incident_id = :incidentId and cleared_without_remediation_at is not null)""")
    boolean clearedWithoutRemediation(String incidentId);
}
