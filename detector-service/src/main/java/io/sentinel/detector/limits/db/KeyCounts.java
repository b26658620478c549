package io.sentinel.detector.limits.db;

import io.sentinel.detector.limits.KeyFamily;
import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** How many keys each rule family keeps in the database: what {@code KeyLimits} counts from. */
public final class KeyCounts {

    private static final Map<KeyFamily, String> COUNTS = Map.ofEntries(
            Map.entry(KeyFamily.CONDITIONS, "select count(*) from rule_condition"),
            Map.entry(KeyFamily.HOURLY_SERIES, """
            with recursive series as (
                (select series from baseline_hour order by series limit 1)
                union all
                select (select b.series from baseline_hour b where b.series > s.series order by b.series limit 1)
                from series s where s.series is not null
            )
            select count(series) from series"""),
            Map.entry(KeyFamily.EWMA_SERIES, "select count(*) from baseline_ewma"),
            Map.entry(KeyFamily.HEARTBEATS, "select count(*) from heartbeat"),
            Map.entry(KeyFamily.QUEUES, "select count(*) from (select 1 from queue_sample group by resource, queue) queues"),
            Map.entry(KeyFamily.WATCHED_SERIES, "select count(*) from metric_presence"),
            Map.entry(KeyFamily.LOG_SERVICES, "select count(*) from novelty_service"),
            Map.entry(KeyFamily.ERROR_FINGERPRINTS, "select count(*) from error_fingerprint"),
            Map.entry(KeyFamily.LLM_APPLICATIONS, "select count(*) from llm_error_cascade"),
            Map.entry(KeyFamily.LLM_GENERATIONS, "select count(*) from llm_output_schema"),
            Map.entry(KeyFamily.LLM_SCORES, "select count(*) from llm_score_history"),
            Map.entry(KeyFamily.LLM_TOOLS, "select count(*) from llm_tool_failure"),
            Map.entry(KeyFamily.AGENT_TRACES, "select count(*) from llm_agent_trace"));

    private KeyCounts() {
    }

    public static Map<KeyFamily, Long> count(Handle handle) {
        Map<KeyFamily, Long> counts = new EnumMap<>(KeyFamily.class);
        for (KeyFamily family : KeyFamily.values()) {
            counts.put(family, handle.createQuery(COUNTS.get(family)).mapTo(Long.class).one());
        }
        return counts;
    }
}
