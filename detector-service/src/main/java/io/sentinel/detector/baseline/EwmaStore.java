package io.sentinel.detector.baseline;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the EWMA baselines learned, one per series ({@code baseline_ewma}). A batch of samples is one
 * read and one write, not one per series: this is on the signal stream's hot path.
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

        public static Learned of(String series, String resource, String signal, EwmaState state) {
            return new Learned(series, resource, signal, state.mean(), state.variance(), state.samples(), state.lastSampleAt());
        }
    }

    List<Stored> findAll(Collection<String> series);

    void saveAll(List<Learned> learned, Instant recordedAt);
}
