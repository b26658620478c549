package io.sentinel.notifier.db;

import io.sentinel.notifier.incident.IncidentSummary;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(IncidentSummary.class)
public interface IncidentSummaryDao {

    @SqlUpdate("""
            insert into incident_summary (incident_id, title, severity, resource, environment, opened_at)
            values (:incidentId, :title, :severity, :resource, :environment, :openedAt)
            on conflict (incident_id) do nothing""")
    void insert(@BindMethods IncidentSummary summary);

    @SqlQuery("select incident_id, title, severity, resource, environment, opened_at from incident_summary where incident_id = :incidentId")
    Optional<IncidentSummary> find(String incidentId);
}
