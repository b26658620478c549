package io.sentinel.detector.baseline;

import static java.time.temporal.ChronoUnit.HOURS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One series' hour in progress held against its rolling 7-day hourly baseline. Pure.
 *
 * @param value        the hour's value so far: the mean of its samples for rates; for spend, the trailing
 *                     hour: what was spent so far this hour plus the previous hour's spend pro rata for the
 *                     part of the trailing hour that falls in it, so that a spike does not vanish (and its
 *                     incident resolve) at the top of every hour
 * @param baseline     the mean value of the hours with data among the {@value #WINDOW_HOURS} complete hours
 *                     before this one
 * @param historyHours how many hours with data that mean is made of
 * @param at           the newest sample's time, which places the hour
 */
public record HourlyReading(double value, double baseline, int historyHours, Instant at) {

    public static final int WINDOW_HOURS = 168;

    public double ratio() {
        return value / baseline;
    }

    /** The rows a reading at {@code at} needs start here; {@link #of} ignores anything else it is given. */
    public static Instant windowStart(Instant at) {
        return HourlyAggregate.hourOf(at).minus(WINDOW_HOURS, HOURS);
    }

    /** Nothing to read when the hour of {@code at} has no data of its own. */
    public static Optional<HourlyReading> of(List<HourlyAggregate> rows, Instant at, HourlyAggregation aggregation) {
        Instant hour = HourlyAggregate.hourOf(at);
        Instant from = windowStart(at);
        HourlyAggregate current = null;
        HourlyAggregate previous = null;
        double sum = 0;
        int hours = 0;
        for (HourlyAggregate row : rows) {
            if (row.hour().equals(hour)) {
                current = row;
            } else if (!row.hour().isBefore(from) && row.hour().isBefore(hour) && row.samples() > 0) {
                sum += row.value(aggregation);
                hours++;
                if (row.hour().equals(hour.minus(1, HOURS))) {
                    previous = row;
                }
            }
        }
        if (current == null || current.samples() == 0) {
            return Optional.empty();
        }
        double value = switch (aggregation) {
            case MEAN -> current.value(HourlyAggregation.MEAN);
            case SUM -> current.total() + (previous == null ? 0 : previous.total() * (1 - elapsedFraction(hour, at)));
        };
        return Optional.of(new HourlyReading(value, hours == 0 ? 0 : sum / hours, hours, at));
    }

    private static double elapsedFraction(Instant hour, Instant at) {
        double fraction = Duration.between(hour, at).toMillis() / (double) Duration.ofHours(1).toMillis();
        return Math.clamp(fraction, 0, 1);
    }
}
