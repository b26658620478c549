package io.sentinel.detector.absence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Watched series and how they arrive ({@code metric_presence}). The tick locks the series it judges,
 * so an arrival and a tick never decide on one series at once.
 */
public interface MetricPresenceStore {

    /** A series that arrived, with what is known about it. */
    record Arrival(String series, String signal, Map<String, String> identity, Map<String, String> labels, long count, Instant sampleAt) {
    }

    /** A batch's arrivals in one round trip: this is on the signal stream's hot path. */
    void arrivedAll(List<Arrival> arrivals, String resource, String target, Instant arrivalAt);

    /** Which of the series are watched already. */
    List<String> known(Collection<String> series);

    /** The newest stale series first: a series that just went stale is never crowded out by long-stale ones. */
    List<MetricPresence> staleSince(Instant before, long minObservations, List<String> signals, int limit);

    List<MetricPresence> silentSince(Instant before, int limit);

    void forget(String series);
}
