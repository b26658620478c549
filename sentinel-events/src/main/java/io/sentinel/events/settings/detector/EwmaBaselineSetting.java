package io.sentinel.events.settings.detector;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * Rule {@code ewma-baseline-deviation}, for metrics without a daily rhythm worth an hourly baseline
 * ({@code sentinel.detector.baseline.ewma}, or the runtime setting {@code detector.baseline.ewma}, which
 * replaces the block; fields it leaves out take the defaults below).
 *
 * @param signals     the metrics judged this way
 * @param alpha       weight of each new sample in the mean and variance, in (0, 1] (default 0.05)
 * @param k           a value more than this many standard deviations above the mean breaches (default 4)
 * @param clearK      an active condition clears below this many standard deviations (default 2)
 * @param holdFor     how long it must breach before it fires ({@code for}; default 10m)
 * @param minSamples  samples learned before anything is judged (default 500)
 * @param stddevFloor the standard deviation counts as at least this fraction of the mean (default 0.05)
 */
public record EwmaBaselineSetting(List<String> signals, Double alpha, Double k, Double clearK, @JsonProperty("for") Duration holdFor,
                                  Integer minSamples, Double stddevFloor) {

    public static final EwmaBaselineSetting DEFAULTS = new EwmaBaselineSetting(null, null, null, null, null, null, null);

    public EwmaBaselineSetting {
        signals = Signals.orDefault(signals, List.of("memory_usage_ratio", "cpu_usage_ratio"));
        alpha = alpha == null ? 0.05 : alpha;
        k = k == null ? 4.0 : k;
        clearK = clearK == null ? 2.0 : clearK;
        holdFor = holdFor == null ? Duration.ofMinutes(10) : holdFor;
        minSamples = minSamples == null ? 500 : minSamples;
        stddevFloor = stddevFloor == null ? 0.05 : stddevFloor;
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        if (!(clearK >= 0)) {
            throw new IllegalArgumentException("clear-k must not be negative, was " + clearK);
        }
        if (!(k >= clearK) || k.isInfinite()) {
            throw new IllegalArgumentException("k (" + k + ") must not be under clear-k (" + clearK + "), or an incident could never clear");
        }
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("for must not be negative, was " + holdFor);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("min-samples must be at least 1, was " + minSamples);
        }
        if (!(stddevFloor >= 0) || stddevFloor.isInfinite()) {
            throw new IllegalArgumentException("stddev-floor must not be negative, was " + stddevFloor);
        }
    }
}
