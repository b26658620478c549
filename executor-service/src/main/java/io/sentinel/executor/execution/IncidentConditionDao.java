package io.sentinel.executor.execution;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the detector said about incidents: the latest time each one's condition cleared, and whether it resolved. */
public interface IncidentConditionDao {

    @SqlUpdate("""
            insert into incident_condition (incident_id, cleared_at) values (:incidentId, :clearedAt)
            on conflict (incident_id) do update set cleared_at = greatest(incident_condition.cleared_at, excluded.cleared_at)""")
    void recordCleared(String incidentId, Instant clearedAt);

    @SqlUpdate("""
            insert into incident_condition (incident_id, resolved_at) values (:incidentId, :resolvedAt)
            on conflict (incident_id) do update set resolved_at = coalesce(incident_condition.resolved_at, excluded.resolved_at)""")
    void recordResolved(String incidentId, Instant resolvedAt);

    @SqlQuery("select cleared_at from incident_condition where incident_id = :incidentId and cleared_at is not null")
    Optional<Instant> clearedAt(String incidentId);

    @SqlQuery("select exists (select 1 from incident_condition where incident_id = :incidentId and resolved_at is not null)")
    boolean resolved(String incidentId);
}
