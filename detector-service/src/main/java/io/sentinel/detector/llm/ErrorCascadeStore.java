package io.sentinel.detector.llm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Trace counts per bucket ({@code llm_trace_bucket}) and each application's cascade state ({@code llm_error_cascade}). */
public interface ErrorCascadeStore {

    /** @param baselineRate the baseline an active condition fired against; null while quiet */
    record State(Instant latestTraceAt, boolean active, Double baselineRate) {
    }

    void count(String application, Instant bucketStart, int traces, int failed);

    List<TraceBuckets.Bucket> bucketsSince(String application, Instant from);

    void forgetBuckets(String application, Instant before);

    /** Locks the application's state: its batches are serial anyway (keyed by resource), this keeps it so across rebalances. */
    Optional<State> find(String application);

    void save(String application, Instant latestTraceAt, boolean active, Double baselineRate);
}
