package io.sentinel.detector.llm.db;

import io.sentinel.detector.llm.AgentTrace;
import io.sentinel.detector.llm.AgentTraceStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link AgentTraceStore} in {@code llm_agent_trace}. */
public interface AgentTraceDao extends AgentTraceStore {

    record Row(String agent, Instant firstAt, Instant lastAt, @Json Set<String> observationIds, int generations, double costUsd,
               @Json Map<String, Integer> outputCounts) {
    }

    @SqlQuery("""
            select agent, first_at, last_at, observation_ids, generations, cost_usd, output_counts
            from llm_agent_trace where application = :application and trace_id = :traceId for update""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String application, String traceId);

    @SqlUpdate("""
            insert into llm_agent_trace (application, trace_id, agent, first_at, last_at, observation_ids, generations, cost_usd,
                                         output_counts)
            values (:application, :traceId, :agent, :firstAt, :lastAt, :observationIds, :generations, :costUsd, :outputCounts)
            on conflict (application, trace_id) do update
            set first_at = excluded.first_at, last_at = excluded.last_at, observation_ids = excluded.observation_ids,
                generations = excluded.generations, cost_usd = excluded.cost_usd, output_counts = excluded.output_counts""")
    void upsert(@Bind("application") String application, @Bind("traceId") String traceId, @Bind("agent") String agent,
                @Bind("firstAt") Instant firstAt, @Bind("lastAt") Instant lastAt, @Json @Bind("observationIds") Set<String> observationIds,
                @Bind("generations") int generations, @Bind("costUsd") double costUsd,
                @Json @Bind("outputCounts") Map<String, Integer> outputCounts);

    @Override
    default Optional<AgentTrace> find(String application, String traceId) {
        return row(application, traceId).map(row -> new AgentTrace(row.agent(), row.firstAt(), row.lastAt(), row.observationIds(),
                row.generations(), row.costUsd(), row.outputCounts()));
    }

    @Override
    default void save(String application, String traceId, AgentTrace trace) {
        upsert(application, traceId, trace.agent(), trace.firstAt(), trace.lastAt(), trace.observationIds(), trace.generations(),
                trace.costUsd(), trace.outputCounts());
    }

    @Override
    @SqlUpdate("delete from llm_agent_trace where first_at < :before")
    int expire(Instant before);

    @Override
    @SqlUpdate("""
            with excess as (
                select trace_id from llm_agent_trace where application = :application order by first_at desc offset :max
            )
            delete from llm_agent_trace t using excess where t.application = :application and t.trace_id = excess.trace_id""")
    int forgetBeyond(String application, int max);
}
