package io.sentinel.detector.baseline.db;

import io.sentinel.detector.baseline.EwmaStore;
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

/** {@link EwmaStore} in {@code baseline_ewma}. */
public interface EwmaDao extends EwmaStore {

    @Override
    @SqlQuery("select series, mean, variance, samples, last_sample_at from baseline_ewma where series in (<series>)")
    @RegisterConstructorMapper(Stored.class)
    List<Stored> findAll(@BindList("series") Collection<String> series);

    @Override
    @SqlBatch("""
            insert into baseline_ewma (series, resource, signal, mean, variance, samples, last_sample_at, recorded_at)
            values (:series, :resource, :signal, :mean, :variance, :samples, :lastSampleAt, :recordedAt)
            on conflict (series) do update
            set mean = excluded.mean, variance = excluded.variance, samples = excluded.samples,
                last_sample_at = excluded.last_sample_at, recorded_at = excluded.recorded_at""")
    void saveAll(@BindMethods List<Learned> learned, @Bind("recordedAt") Instant recordedAt);

    @SqlUpdate("delete from baseline_ewma where recorded_at < :before")
    int forgetNotSeenSince(Instant before);
}
