package io.sentinel.detector.baseline;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The hourly aggregates of the series the hourly baselines follow ({@code baseline_hour}). */
public interface HourlyAggregateStore {

    /** Adds to the series' hours. */
    void add(String series, List<HourlyAggregate> increments, Instant recordedAt);

    List<HourlyAggregate> between(String series, Instant from, Instant to);

    /** Which of the series have any hour stored. */
    List<String> known(Collection<String> series);
}
