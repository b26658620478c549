package io.sentinel.detector.absence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Recent depth and consumption samples per queue ({@code queue_sample}). */
public interface QueueSampleStore {

    /** A queue, for forgetting. */
    record Queue(String resource, String queue) {
    }

    /** Depth and consumption of one instant may arrive in different rounds; each fills its own column. */
    void record(String resource, String queue, Instant at, Double depth, Double consumed, Instant recordedAt);

    /** Which of the resource's queues have samples already. */
    List<String> known(String resource, Collection<String> queues);

    List<QueuePoint> points(String resource, String queue);

    void trim(String resource, String queue, Instant before);

    List<Queue> silentSince(Instant before, int limit);

    void forget(String resource, String queue);
}
