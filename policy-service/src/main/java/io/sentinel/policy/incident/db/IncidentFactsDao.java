package io.sentinel.policy.incident.db;

import io.sentinel.events.incident.Severity;
import io.sentinel.policy.incident.IncidentFacts;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code incident_fact}: what the detector last said about each incident. */
@RegisterConstructorMapper(IncidentFacts.class)
public interface IncidentFactsDao {

    @SqlUpdate("""
            insert into incident_fact (incident_id, rule, severity, signal, value, updated_at)
            values (:incidentId, :rule, :severity, :signal, :value, :at)
            on conflict (incident_id) do nothing""")
    void opened(String incidentId, String rule, Severity severity, String signal, Double value, Instant at);

    /** @return 0 when the incident is unknown here (opened before the policy kept facts, or forgotten) */
    @SqlUpdate("update incident_fact set severity = :severity, signal = :signal, value = :value, updated_at = :at where incident_id = :incidentId")
    int updated(String incidentId, Severity severity, String signal, Double value, Instant at);

    @SqlQuery("select rule, severity, signal, value from incident_fact where incident_id = :incidentId")
    Optional<IncidentFacts> find(String incidentId);

    @SqlUpdate("delete from incident_fact where updated_at < :before")
    int forgetBefore(Instant before);
}
