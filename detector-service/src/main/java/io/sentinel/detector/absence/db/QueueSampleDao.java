package io.sentinel.detector.absence.db;

import io.sentinel.detector.absence.QueuePoint;
import io.sentinel.detector.absence.QueueSampleStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link QueueSampleStore} in {@code queue_sample}. */
@RegisterConstructorMapper(QueuePoint.class)
public interface QueueSampleDao extends QueueSampleStore {

    @Override
    @SqlUpdate("""
            insert into queue_sample (resource, queue, at, depth, consumed, recorded_at)
            values (:resource, :queue, :at, :depth, :consumed, :recordedAt)
            on conflict (resource, queue, at) do update
            set depth = coalesce(excluded.depth, queue_sample.depth), consumed = coalesce(excluded.consumed, queue_sample.consumed),
                recorded_at = excluded.recorded_at""")
    void record(String resource, String queue, Instant at, Double depth, Double consumed, Instant recordedAt);

    @Override
    @SqlQuery("select distinct queue from queue_sample where resource = :resource and queue in (<queues>)")
    List<String> known(@Bind("resource") String resource, @BindList("queues") Collection<String> queues);

    @Override
    @SqlQuery("select at, depth, consumed from queue_sample where resource = :resource and queue = :queue order by at")
    List<QueuePoint> points(String resource, String queue);

    @Override
    @SqlUpdate("delete from queue_sample where resource = :resource and queue = :queue and at < :before")
    void trim(String resource, String queue, Instant before);

    @Override
    @SqlQuery("select resource, queue from queue_sample group by resource, queue having max(recorded_at) < :before limit :limit")
    @RegisterConstructorMapper(Queue.class)
    List<Queue> silentSince(Instant before, int limit);

    @Override
    @SqlUpdate("delete from queue_sample where resource = :resource and queue = :queue")
    void forget(String resource, String queue);
}
