package io.sentinel.analyzer.analysis.db;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code analysis}: one row per incident, the first analysis. */
public interface AnalysisDao {

    /** @return 1 if recorded, 0 if the incident was analysed before */
    @SqlUpdate("""
            insert into analysis (incident_id, analyst, playbook_id, risk, root_cause, confidence, created_at)
            values (:incidentId, :analyst, :playbookId, :risk, :rootCause, :confidence, :createdAt)
            on conflict (incident_id) do nothing""")
    int record(String incidentId, Analyst analyst, String playbookId, Risk risk, String rootCause, double confidence, Instant createdAt);
}
