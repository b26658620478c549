package io.sentinel.detector.baseline;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rolling 7-day hourly baselines of every series that has one, in {@code baseline_hour}: the rules
 * add what they see per clock hour and read the hour in progress against the hours before it.
 */
@Component
public final class HourlyBaselines {

    /** Samples dated further ahead than this (a sender's broken clock) are left out: they would sit in the table for ever. */
    static final Duration MAX_AHEAD = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(HourlyBaselines.class);

    /** Adds one series' samples, already summed per hour; hours too far in the future are dropped with a warning. */
    public void add(DetectionContext context, String series, List<HourlyAggregate> increments) {
        Instant latestAllowed = HourlyAggregate.hourOf(context.now().plus(MAX_AHEAD));
        List<HourlyAggregate> plausible = increments.stream().filter(increment -> !increment.hour().isAfter(latestAllowed)).toList();
        if (plausible.size() < increments.size()) {
            log.warn("dropping samples dated in the future series=\"{}\" hours={} now={}", series, increments.size() - plausible.size(),
                    context.now());
        }
        if (!plausible.isEmpty()) {
            context.store(HourlyAggregateStore.class).add(series, plausible, context.now());
        }
    }

    /**
     * The series that may add to their hourly aggregates: those that have some already, and new ones
     * as long as {@link KeyFamily#HOURLY_SERIES} is within its cap.
     */
    public Set<String> tracked(DetectionContext context, Collection<String> series, KeyLimits limits) {
        if (series.isEmpty()) {
            return Set.of();
        }
        Set<String> tracked = new HashSet<>(context.store(HourlyAggregateStore.class).known(series));
        for (String one : series) {
            if (!tracked.contains(one) && limits.admit(KeyFamily.HOURLY_SERIES)) {
                tracked.add(one);
            }
        }
        return tracked;
    }

    /** The hour of {@code at} against the hours before it; empty when that hour has no data. */
    public Optional<HourlyReading> read(DetectionContext context, String series, HourlyAggregation aggregation, Instant at) {
        List<HourlyAggregate> rows = context.store(HourlyAggregateStore.class)
                .between(series, HourlyReading.windowStart(at), HourlyAggregate.hourOf(at));
        return HourlyReading.of(rows, at, aggregation);
    }
}
