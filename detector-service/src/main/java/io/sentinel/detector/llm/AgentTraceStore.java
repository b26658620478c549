package io.sentinel.detector.llm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Agent runs in progress ({@code llm_agent_trace}), one row per (application, trace id), expired by age and capped per application. */
public interface AgentTraceStore {

    JsonMapper STATE_JSON = JsonMapper.builder().build();

    record Row(String agent, Instant firstAt, Instant lastAt, String observationIds, int generations, double costUsd, String outputCounts) {
    }

    @SqlQuery("""
            select agent, first_at, last_at, observation_ids::text as observation_ids, generations, cost_usd,
                   output_counts::text as output_counts
            from llm_agent_trace where application = :application and trace_id = :traceId for update""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String application, String traceId);

    @SqlUpdate("""
            insert into llm_agent_trace (application, trace_id, agent, first_at, last_at, observation_ids, generations, cost_usd,
                                         output_counts)
            values (:application, :traceId, :agent, :firstAt, :lastAt, cast(:observationIds as jsonb), :generations, :costUsd,
                    cast(:outputCounts as jsonb))
            on conflict (application, trace_id) do update
            set first_at = excluded.first_at, last_at = excluded.last_at, observation_ids = excluded.observation_ids,
                generations = excluded.generations, cost_usd = excluded.cost_usd, output_counts = excluded.output_counts""")
    void upsert(String application, String traceId, String agent, Instant firstAt, Instant lastAt, String observationIds,
                int generations, double costUsd, String outputCounts);

    /** Forgets runs that began before {@code before}: older steps no longer count towards a loop. */
    @SqlUpdate("delete from llm_agent_trace where first_at < :before")
    int expire(Instant before);

    /** Keeps the application's {@code max} most recently begun runs. */
    @SqlUpdate("""
            with excess as (
                select trace_id from llm_agent_trace where application = :application order by first_at desc offset :max
            )
            delete from llm_agent_trace t using excess where t.application = :application and t.trace_id = excess.trace_id""")
    int forgetBeyond(String application, int max);

    default Optional<AgentTrace> find(String application, String traceId) {
        return row(application, traceId).map(row -> new AgentTrace(row.agent(), row.firstAt(), row.lastAt(),
                STATE_JSON.readValue(row.observationIds(), new TypeReference<Set<String>>() { }), row.generations(), row.costUsd(),
                STATE_JSON.readValue(row.outputCounts(), new TypeReference<Map<String, Integer>>() { })));
    }

    default void save(String application, String traceId, AgentTrace trace) {
        upsert(application, traceId, trace.agent(), trace.firstAt(), trace.lastAt(), STATE_JSON.writeValueAsString(trace.observationIds()),
                trace.generations(), trace.costUsd(), STATE_JSON.writeValueAsString(trace.outputCounts()));
    }
}
