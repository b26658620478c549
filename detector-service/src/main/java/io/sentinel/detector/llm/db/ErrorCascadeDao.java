package io.sentinel.detector.llm.db;

import io.sentinel.detector.llm.ErrorCascadeStore;
import io.sentinel.detector.llm.TraceBuckets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link ErrorCascadeStore} in {@code llm_trace_bucket} and {@code llm_error_cascade}. */
public interface ErrorCascadeDao extends ErrorCascadeStore {

    @Override
    @SqlUpdate("""
            insert into llm_trace_bucket (application, bucket_start, traces, failed) values (:application, :bucketStart, :traces, :failed)
            on conflict (application, bucket_start)
            do update set traces = llm_trace_bucket.traces + excluded.traces, failed = llm_trace_bucket.failed + excluded.failed""")
    void count(String application, Instant bucketStart, int traces, int failed);

    @Override
    @SqlQuery("select bucket_start, traces, failed from llm_trace_bucket where application = :application and bucket_start >= :from")
    @RegisterConstructorMapper(TraceBuckets.Bucket.class)
    List<TraceBuckets.Bucket> bucketsSince(String application, Instant from);

    @Override
    @SqlUpdate("delete from llm_trace_bucket where application = :application and bucket_start < :before")
    void forgetBuckets(String application, Instant before);

    @Override
    @SqlQuery("select latest_trace_at, active, baseline_rate from llm_error_cascade where application = :application for update")
    @RegisterConstructorMapper(State.class)
    Optional<State> find(String application);

    @Override
    @SqlUpdate("""
            insert into llm_error_cascade (application, latest_trace_at, active, baseline_rate)
            values (:application, :latestTraceAt, :active, :baselineRate)
            on conflict (application) do update
            set latest_trace_at = excluded.latest_trace_at, active = excluded.active, baseline_rate = excluded.baseline_rate""")
    void save(String application, Instant latestTraceAt, boolean active, Double baselineRate);
}
