package io.sentinel.detector.baseline;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the EWMA baselines learned, one row per series ({@code baseline_ewma}). */
@RegisterConstructorMapper(EwmaState.class)
public interface EwmaStore {

    @SqlQuery("select mean, variance, samples, last_sample_at from baseline_ewma where series = :series")
    Optional<EwmaState> find(String series);

    @SqlUpdate("""
            insert into baseline_ewma (series, resource, signal, mean, variance, samples, last_sample_at, recorded_at)
            values (:series, :resource, :signal, :s.mean, :s.variance, :s.samples, :s.lastSampleAt, :recordedAt)
            on conflict (series) do update
            set mean = excluded.mean, variance = excluded.variance, samples = excluded.samples,
                last_sample_at = excluded.last_sample_at, recorded_at = excluded.recorded_at""")
    void save(@Bind("series") String series, @Bind("resource") String resource, @Bind("signal") String signal,
              @BindMethods("s") EwmaState state, @Bind("recordedAt") Instant recordedAt);

    @SqlUpdate("delete from baseline_ewma where recorded_at < :before")
    int forgetNotSeenSince(Instant before);
}
