package io.sentinel.events.settings.detector;

/**
 * A request latency estimated for resources without a latency histogram, from what their network
 * does: {@code base + per-megabyte × MB/s received and sent + per-error × network errors/s}, in seconds
 * ({@code sentinel.detector.latency.estimate}, or the runtime setting {@code detector.latency.estimate},
 * which replaces the block; fields it leaves out take the defaults below).
 *
 * @param enabled                     whether to estimate at all (default true)
 * @param baseSeconds                 latency of an idle link (default 0.025)
 * @param secondsPerMegabytePerSecond added per MB/s of traffic, received plus sent (default 0.002)
 * @param secondsPerErrorPerSecond    added per network error per second (default 0.100)
 */
public record LatencyEstimateSetting(Boolean enabled, Double baseSeconds, Double secondsPerMegabytePerSecond, Double secondsPerErrorPerSecond) {

    public static final LatencyEstimateSetting DEFAULTS = new LatencyEstimateSetting(null, null, null, null);

    public LatencyEstimateSetting {
        enabled = enabled == null || enabled;
        baseSeconds = nonNegative(baseSeconds, 0.025, "base-seconds");
        secondsPerMegabytePerSecond = nonNegative(secondsPerMegabytePerSecond, 0.002, "seconds-per-megabyte-per-second");
        secondsPerErrorPerSecond = nonNegative(secondsPerErrorPerSecond, 0.100, "seconds-per-error-per-second");
    }

    private static double nonNegative(Double value, double defaultValue, String field) {
        double result = value == null ? defaultValue : value;
        if (!(result >= 0) || Double.isInfinite(result)) {
            throw new IllegalArgumentException(field + " must be a non-negative number, was " + value);
        }
        return result;
    }
}
