package io.sentinel.detector.baseline;

import java.time.Instant;

/**
 * What an EWMA baseline has learned about one series: exponentially weighted mean and variance. Pure.
 *
 * @param samples      how many samples it learned from
 * @param lastSampleAt the newest sample it learned from or judged; older and repeated samples are skipped
 */
public record EwmaState(double mean, double variance, long samples, Instant lastSampleAt) {

    public static EwmaState first(double value, Instant at) {
        return new EwmaState(value, 0, 1, at);
    }

    /** One more sample, weighted {@code alpha} (the incremental form of the exponentially weighted variance). */
    public EwmaState learn(double value, Instant at, double alpha) {
        double difference = value - mean;
        double increment = alpha * difference;
        return new EwmaState(mean + increment, (1 - alpha) * (variance + difference * increment), samples + 1, at);
    }

    /** A sample seen but not learned from (an anomaly must not become the baseline it is judged against). */
    public EwmaState skip(Instant at) {
        return new EwmaState(mean, variance, samples, at);
    }

    /**
     * The standard deviation, but at least {@code floorRatio} of the mean: a series that barely moved
     * while learning would otherwise make any ripple look like many deviations.
     */
    public double stddev(double floorRatio) {
        return Math.max(Math.sqrt(Math.max(variance, 0)), floorRatio * Math.abs(mean));
    }
}
