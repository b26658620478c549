package io.sentinel.detector.absence.db;

import io.sentinel.detector.absence.MetricPresence;
import io.sentinel.detector.absence.MetricPresenceStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link MetricPresenceStore} in {@code metric_presence}. */
@RegisterConstructorMapper(MetricPresenceDao.Row.class)
public interface MetricPresenceDao extends MetricPresenceStore {

    String COLUMNS = "series, resource, signal, identity, labels, observations, last_sample_at, last_arrival_at, target";

    record Row(String series, String resource, String signal, @Json Map<String, String> identity, @Json Map<String, String> labels,
               long observations, Instant lastSampleAt, Instant lastArrivalAt, String target) {

        MetricPresence presence() {
            return new MetricPresence(series, resource, signal, identity, labels, observations, lastSampleAt, lastArrivalAt, target);
        }
    }

    /** An arrival as bound: its maps as JSON text, cast to jsonb in the statement. */
    record BoundArrival(String series, String signal, String identity, String labels, long count, Instant sampleAt) {
    }

    @Override
    default void arrivedAll(List<Arrival> arrivals, String resource, String target, Instant arrivalAt) {
        arrivedAllBound(arrivals.stream().map(arrival -> new BoundArrival(arrival.series(), arrival.signal(),
                JsonText.of(arrival.identity()), JsonText.of(arrival.labels()), arrival.count(), arrival.sampleAt())).toList(),
                resource, target, arrivalAt);
    }

    @SqlBatch("""
            insert into metric_presence (series, resource, signal, identity, labels, observations, last_sample_at, last_arrival_at, target)
            values (:series, :resource, :signal, cast(:identity as jsonb), cast(:labels as jsonb), :count, :sampleAt, :arrivalAt, :target)
            on conflict (series) do update
            set labels = excluded.labels, target = excluded.target, observations = metric_presence.observations + excluded.observations,
                last_sample_at = greatest(metric_presence.last_sample_at, excluded.last_sample_at),
                last_arrival_at = excluded.last_arrival_at""")
    void arrivedAllBound(@BindMethods List<BoundArrival> arrivals, @Bind("resource") String resource, @Bind("target") String target,
                         @Bind("arrivalAt") Instant arrivalAt);

    @Override
    @SqlQuery("select series from metric_presence where series in (<series>)")
    List<String> known(@BindList("series") Collection<String> series);

    @SqlQuery("select " + COLUMNS + " from metric_presence where last_arrival_at < :before and observations >= :minObservations"
            + " and signal in (<signals>) order by last_arrival_at desc limit :limit for update")
    List<Row> staleRows(@Bind("before") Instant before, @Bind("minObservations") long minObservations,
                        @BindList("signals") List<String> signals, @Bind("limit") int limit);

    @SqlQuery("select " + COLUMNS + " from metric_presence where last_arrival_at < :before limit :limit for update")
    List<Row> silentRows(Instant before, int limit);

    @Override
    default List<MetricPresence> staleSince(Instant before, long minObservations, List<String> signals, int limit) {
        return staleRows(before, minObservations, signals, limit).stream().map(Row::presence).toList();
    }

    @Override
    default List<MetricPresence> silentSince(Instant before, int limit) {
        return silentRows(before, limit).stream().map(Row::presence).toList();
    }

    @Override
    @SqlUpdate("delete from metric_presence where series = :series")
    void forget(String series);
}
