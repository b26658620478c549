package io.sentinel.detector.baseline;

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
 * What the EWMA baselines learned, one row per series ({@code baseline_ewma}). A batch of samples is
 * one read and one write, not one per series: this is on the signal stream's hot path.
 */
public interface EwmaStore {

    /** A stored baseline and whose it is. */
    record Stored(String series, double mean, double variance, long samples, Instant lastSampleAt) {

        EwmaState state() {
            return new EwmaState(mean, variance, samples, lastSampleAt);
        }
    }

    /** What one series learned, to be saved. */
    record Learned(String series, String resource, String signal, double mean, double variance, long samples, Instant lastSampleAt) {

        static Learned of(String series, String resource, String signal, EwmaState state) {
            return new Learned(series, resource, signal, state.mean(), state.variance(), state.samples(), state.lastSampleAt());
        }
    }

    @SqlQuery("select series, mean, variance, samples, last_sample_at from baseline_ewma where series in (<series>)")
    @RegisterConstructorMapper(Stored.class)
    List<Stored> findAll(@BindList("series") Collection<String> series);

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
