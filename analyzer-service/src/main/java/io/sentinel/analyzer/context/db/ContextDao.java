package io.sentinel.analyzer.context.db;

import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.SeriesPoint;
import io.sentinel.analyzer.context.TraceSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code signal_point}, {@code log_line} and {@code llm_trace}: the analyzer's window on each resource. */
public interface ContextDao {

    @SqlBatch("""
            insert into signal_point (resource, series, name, at, value) values (:resource, :series, :name, :at, :value)
            on conflict (resource, series, at) do nothing""")
    void addPoints(@Bind("resource") String resource, @BindMethods List<SeriesPoint> points);

    @SqlQuery("""
            select series, name, at, value from signal_point
            where resource = :resource and name = :name and at >= :since and series in (
                select series from signal_point where resource = :resource and name = :name and at >= :since
                group by series order by max(at) desc, series limit :maxSeries)
            order by series, at""")
    @RegisterConstructorMapper(SeriesPoint.class)
    List<SeriesPoint> series(String resource, String name, Instant since, int maxSeries);

    @SqlBatch("""
            insert into log_line (resource, level, error, message, stack_trace, at, received_at)
            values (:resource, :level, :error, :message, :stackTrace, :at, :receivedAt)""")
    void addLogLines(@Bind("resource") String resource, @Bind("receivedAt") Instant receivedAt, @BindMethods List<LogLine> lines);

    /** Errors first, then the rest; newest first within each. */
    @SqlQuery("""
            select level, message, stack_trace, at from log_line
            where resource = :resource and received_at >= :since
            order by error desc, at desc limit :max""")
    @RegisterConstructorMapper(LogLine.class)
    List<LogLine> logLines(String resource, Instant since, int max);

    /** Keeps the resource's newest {@code max} lines, errors before other lines. */
    @SqlUpdate("""
            with excess as (
                select id from log_line where resource = :resource order by error desc, at desc offset :max
            )
            delete from log_line l using excess where l.id = excess.id""")
    int forgetLogLinesBeyond(String resource, int max);

    @SqlBatch("""
            insert into llm_trace (resource, trace_id, name, at, generations, tool_calls, failed_steps, cost_usd, tokens, scores, problem,
                                   received_at)
            values (:resource, :traceId, :name, :at, :generations, :toolCalls, :failedSteps, :costUsd, :tokens, cast(:scoresJson as jsonb),
                    :problem, :receivedAt)
            on conflict (resource, trace_id) do update
            set name = excluded.name, at = excluded.at, generations = excluded.generations, tool_calls = excluded.tool_calls,
                failed_steps = excluded.failed_steps, cost_usd = excluded.cost_usd, tokens = excluded.tokens, scores = excluded.scores,
                problem = excluded.problem, received_at = excluded.received_at""")
    void addTraces(@Bind("resource") String resource, @Bind("receivedAt") Instant receivedAt, @BindMethods List<StoredTrace> traces);

    /** Failing traces first, then the longest and the costliest; those of {@code name} before others. */
    @SqlQuery("""
            select trace_id, name, at, generations, tool_calls, failed_steps, cost_usd, tokens, scores, problem from llm_trace
            where resource = :resource and received_at >= :since
            order by (name = :name) desc, failed_steps desc, generations desc, cost_usd desc, at desc limit :max""")
    @RegisterConstructorMapper(TraceRow.class)
    List<TraceRow> traces(String resource, String name, Instant since, int max);

    @SqlUpdate("""
            with excess as (
                select trace_id from llm_trace where resource = :resource order by received_at desc offset :max
            )
            delete from llm_trace t using excess where t.resource = :resource and t.trace_id = excess.trace_id""")
    int forgetTracesBeyond(String resource, int max);

    @SqlUpdate("delete from signal_point where ctid in (select ctid from signal_point where at < :before limit :limit)")
    int expirePoints(Instant before, int limit);

    @SqlUpdate("delete from log_line where id in (select id from log_line where received_at < :before limit :limit)")
    int expireLogLines(Instant before, int limit);

    @SqlUpdate("delete from llm_trace where ctid in (select ctid from llm_trace where received_at < :before limit :limit)")
    int expireTraces(Instant before, int limit);

    /** A trace summary with its scores as JSON text, for the batch insert. */
    record StoredTrace(String traceId, String name, Instant at, int generations, int toolCalls, int failedSteps, double costUsd, long tokens,
                       String scoresJson, String problem) {
    }

    record TraceRow(String traceId, String name, Instant at, int generations, int toolCalls, int failedSteps, double costUsd, long tokens,
                    @Json Map<String, Double> scores, String problem) {

        TraceSummary summary() {
            return new TraceSummary(traceId, name, at, generations, toolCalls, failedSteps, costUsd, tokens, scores, problem);
        }
    }
}
