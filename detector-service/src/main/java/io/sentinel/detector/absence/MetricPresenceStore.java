package io.sentinel.detector.absence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Watched series and how they arrive ({@code metric_presence}). The tick locks the rows it judges, so
 * an arrival and a tick never decide on one series at once.
 */
@RegisterConstructorMapper(MetricPresence.class)
public interface MetricPresenceStore {

    String COLUMNS = "series, resource, signal, identity::text as identity, labels::text as labels, observations, last_sample_at, last_arrival_at,"
            + " target";

    /** A series that arrived, with what is known about it. */
    record Arrival(String series, String signal, String identity, String labels, long count, Instant sampleAt) {
    }

    /** A batch's arrivals in one round trip: this is on the signal stream's hot path. */
    @SqlBatch("""
            insert into metric_presence (series, resource, signal, identity, labels, observations, last_sample_at, last_arrival_at, target)
            values (:series, :resource, :signal, cast(:identity as jsonb), cast(:labels as jsonb), :count, :sampleAt, :arrivalAt, :target)
            on conflict (series) do update
            set labels = excluded.labels, target = excluded.target, observations = metric_presence.observations + excluded.observations,
                last_sample_at = greatest(metric_presence.last_sample_at, excluded.last_sample_at),
                last_arrival_at = excluded.last_arrival_at""")
    void arrivedAll(@BindMethods List<Arrival> arrivals, @Bind("resource") String resource, @Bind("target") String target,
                    @Bind("arrivalAt") Instant arrivalAt);

    /** Which of the series are watched already. */
    @SqlQuery("select series from metric_presence where series in (<series>)")
    List<String> known(@BindList("series") Collection<String> series);

    /** The newest stale series first: a series that just went stale is never crowded out by long-stale ones. */
    @SqlQuery("select " + COLUMNS + " from metric_presence where last_arrival_at < :before and observations >= :minObservations"
            + " and signal in (<signals>) order by last_arrival_at desc limit :limit for update")
    List<MetricPresence> staleSince(Instant before, long minObservations, @BindList("signals") List<String> signals, int limit);

    @SqlQuery("select " + COLUMNS + " from metric_presence where last_arrival_at < :before limit :limit for update")
    List<MetricPresence> silentSince(Instant before, int limit);

    @SqlUpdate("delete from metric_presence where series = :series")
    void forget(String series);
}
