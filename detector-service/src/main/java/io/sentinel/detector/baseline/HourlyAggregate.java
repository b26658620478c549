package io.sentinel.detector.baseline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What one series' samples in one clock hour (UTC) added up to.
 *
 * @param hour    the hour's start
 * @param total   the samples' sum
 * @param samples how many samples
 */
public record HourlyAggregate(Instant hour, double total, long samples) {

    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    public double value(HourlyAggregation aggregation) {
        return switch (aggregation) {
            case MEAN -> samples == 0 ? 0 : total / samples;
            case SUM -> total;
        };
    }

    /** Items added up per hour, oldest hour first: one stored increment per hour instead of one per sample. */
    public static <T> List<HourlyAggregate> byHour(Collection<T> items, Function<T, Instant> at, ToDoubleFunction<T> value) {
        Map<Instant, double[]> hours = new TreeMap<>();
        for (T item : items) {
            double[] sumAndCount = hours.computeIfAbsent(hourOf(at.apply(item)), hour -> new double[2]);
            sumAndCount[0] += value.applyAsDouble(item);
            sumAndCount[1]++;
        }
        List<HourlyAggregate> aggregates = new ArrayList<>(hours.size());
        hours.forEach((hour, sumAndCount) -> aggregates.add(new HourlyAggregate(hour, sumAndCount[0], (long) sumAndCount[1])));
        return aggregates;
    }
}
