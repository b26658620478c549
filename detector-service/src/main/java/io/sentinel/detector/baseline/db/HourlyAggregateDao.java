package io.sentinel.detector.baseline.db;

import io.sentinel.detector.baseline.HourlyAggregate;
import io.sentinel.detector.baseline.HourlyAggregateStore;
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

/** {@link HourlyAggregateStore} in {@code baseline_hour}. */
@RegisterConstructorMapper(HourlyAggregate.class)
public interface HourlyAggregateDao extends HourlyAggregateStore {

    @Override
    @SqlBatch("""
            insert into baseline_hour (series, hour, total, samples, recorded_at)
            values (:series, :a.hour, :a.total, :a.samples, :recordedAt)
            on conflict (series, hour) do update
            set total = baseline_hour.total + excluded.total, samples = baseline_hour.samples + excluded.samples,
                recorded_at = excluded.recorded_at""")
    void add(@Bind("series") String series, @BindMethods("a") List<HourlyAggregate> increments, @Bind("recordedAt") Instant recordedAt);

    @Override
    @SqlQuery("select hour, total, samples from baseline_hour where series = :series and hour >= :from and hour <= :to order by hour")
    List<HourlyAggregate> between(String series, Instant from, Instant to);

    /** One index probe per series. */
    @Override
    @SqlQuery("select t.series from unnest(array[<series>]::text[]) as t(series) where exists (select 1 from baseline_hour b where b.series = t.series)")
    List<String> known(@BindList("series") Collection<String> series);

    @SqlUpdate("delete from baseline_hour where hour < :before")
    int forgetBefore(Instant before);
}
