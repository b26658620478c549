package io.sentinel.detector.limits;

/**
 * The kinds of key the detector keeps state for, each capped at
 * {@code sentinel.detector.limits.max-series-per-family} (counted in the database by {@code limits.db.KeyCounts}).
 */
public enum KeyFamily {

    /** Pending or active conditions of every rule with "for:" and a clear level (thresholds above all). */
    CONDITIONS("conditions"),
    /**
     * Series with hourly aggregates (hourly baselines, LLM spend), counted one index probe per series
     * rather than over the up to 192 rows each has.
     */
    HOURLY_SERIES("hourly-series"),
    EWMA_SERIES("ewma-series"),
    HEARTBEATS("heartbeats"),
    QUEUES("queues"),
    WATCHED_SERIES("watched-series"),
    LOG_SERVICES("log-services"),
    ERROR_FINGERPRINTS("error-fingerprints"),
    LLM_APPLICATIONS("llm-applications"),
    LLM_GENERATIONS("llm-generations"),
    LLM_SCORES("llm-scores"),
    LLM_TOOLS("llm-tools"),
    AGENT_TRACES("agent-traces");

    private final String tag;

    KeyFamily(String tag) {
        this.tag = tag;
    }

    /** The family's name in metrics and logs. */
    public String tag() {
        return tag;
    }
}
