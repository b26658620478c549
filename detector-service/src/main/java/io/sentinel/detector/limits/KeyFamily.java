package io.sentinel.detector.limits;

/**
 * The kinds of key the detector keeps state for, each capped at
 * {@code sentinel.detector.limits.max-series-per-family}, and how to count them.
 */
public enum KeyFamily {

    /** Pending or active conditions of every rule with "for:" and a clear level (thresholds above all). */
    CONDITIONS("conditions", "select count(*) from rule_condition"),
    /**
     * Series with hourly aggregates (hourly baselines, LLM spend), counted one index probe per series
     * rather than over the up to 192 rows each has.
     */
    HOURLY_SERIES("hourly-series", """
            with recursive series as (
                (select series from baseline_hour order by series limit 1)
                union all
                select (select b.series from baseline_hour b where b.series > s.series order by b.series limit 1)
                from series s where s.series is not null
            )
            select count(series) from series"""),
    EWMA_SERIES("ewma-series", "select count(*) from baseline_ewma"),
    HEARTBEATS("heartbeats", "select count(*) from heartbeat"),
    QUEUES("queues", "select count(*) from (select 1 from queue_sample group by resource, queue) queues"),
    WATCHED_SERIES("watched-series", "select count(*) from metric_presence"),
    LOG_SERVICES("log-services", "select count(*) from novelty_service"),
    ERROR_FINGERPRINTS("error-fingerprints", "select count(*) from error_fingerprint"),
    LLM_APPLICATIONS("llm-applications", "select count(*) from llm_error_cascade"),
    LLM_GENERATIONS("llm-generations", "select count(*) from llm_output_schema"),
    LLM_SCORES("llm-scores", "select count(*) from llm_score_history"),
    LLM_TOOLS("llm-tools", "select count(*) from llm_tool_failure"),
    AGENT_TRACES("agent-traces", "select count(*) from llm_agent_trace");

    private final String tag;
    private final String countSql;

    KeyFamily(String tag, String countSql) {
        this.tag = tag;
        this.countSql = countSql;
    }

    /** The family's name in metrics and logs. */
    public String tag() {
        return tag;
    }

    String countSql() {
        return countSql;
    }
}
