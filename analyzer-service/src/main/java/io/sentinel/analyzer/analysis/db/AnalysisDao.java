package io.sentinel.analyzer.analysis.db;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code analysis}: one row per incident, the first analysis. */
public interface AnalysisDao {

    @SqlQuery("select exists (select 1 from analysis where incident_id = :incidentId)")
    boolean analysed(String incidentId);

    /** @return 1 if recorded, 0 if the incident was analysed before */
    @SqlUpdate("""
            insert into analysis (incident_id, analyst, model, fallback_reason, playbook_id, risk, root_cause, confidence, tokens_in, tokens_out,
                                  cost_usd, latency_ms, created_at)
            values (:incidentId, :analyst, :model, :fallbackReason, :playbookId, :risk, :rootCause, :confidence, :tokensIn, :tokensOut,
                    :costUsd, :latencyMs, :createdAt)
            on conflict (incident_id) do nothing""")
    int record(String incidentId, Analyst analyst, String model, String fallbackReason, String playbookId, Risk risk, String rootCause,
               double confidence, Long tokensIn, Long tokensOut, Double costUsd, Long latencyMs, Instant createdAt);
}
