package io.sentinel.detector.baseline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.detector.rule.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The EWMA baseline, for metrics without a daily rhythm worth an hourly baseline
 * ({@code sentinel.detector.baseline.ewma}, or the runtime setting {@value EwmaBaselineRule#SETTING}
 * with the same fields as JSON; fields it leaves out take the defaults below).
 *
 * @param signals     the metrics judged this way
 * @param alpha       weight of each new sample in the mean and variance, in (0, 1] (default 0.05)
 * @param k           a value more than this many standard deviations above the mean breaches (default 4)
 * @param clearK      an active condition clears below this many standard deviations (default 2)
 * @param holdFor     how long it must breach before it fires (default 10m)
 * @param minSamples  samples learned before anything is judged (default 500)
 * @param stddevFloor the standard deviation counts as at least this fraction of the mean (default 0.05)
 */
public record EwmaBaselineSettings(List<String> signals, Double alpha, Double k, Double clearK,
                                   @Name("for") @JsonProperty("for") Duration holdFor, Integer minSamples, Double stddevFloor) {

    static final String PROPERTY = "sentinel.detector.baseline.ewma";

    public EwmaBaselineSettings {
        if (signals != null && signals.stream().anyMatch(signal -> signal == null || signal.isBlank())) {
            throw new IllegalArgumentException(PROPERTY + ".signals must list signal names, was " + signals);
        }
        signals = signals == null ? List.of("memory_usage_ratio", "cpu_usage_ratio") : List.copyOf(signals);
        alpha = alpha == null ? 0.05 : alpha;
        k = k == null ? 4.0 : k;
        clearK = clearK == null ? 2.0 : clearK;
        holdFor = holdFor == null ? Duration.ofMinutes(10) : holdFor;
        minSamples = minSamples == null ? 500 : minSamples;
        stddevFloor = stddevFloor == null ? 0.05 : stddevFloor;
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException(PROPERTY + ".alpha must be in (0, 1], was " + alpha);
        }
        if (!(clearK >= 0)) {
            throw new IllegalArgumentException(PROPERTY + ".clear-k must not be negative, was " + clearK);
        }
        if (!(k >= clearK)) {
            throw new IllegalArgumentException(PROPERTY + ".k (" + k + ") must not be under clear-k (" + clearK
                    + "), or an incident could never clear");
        }
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException(PROPERTY + ".for must not be negative, was " + holdFor);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException(PROPERTY + ".min-samples must be at least 1, was " + minSamples);
        }
        if (!(stddevFloor >= 0)) {
            throw new IllegalArgumentException(PROPERTY + ".stddev-floor must not be negative, was " + stddevFloor);
        }
    }

    /** Where {@code value} stands against what was learned; nothing to judge before {@code minSamples}. Pure. */
    public Optional<EwmaVerdict> judge(EwmaState state, double value) {
        if (state == null || state.samples() < minSamples) {
            return Optional.empty();
        }
        double stddev = state.stddev(stddevFloor);
        double deviations = stddev > 0 ? (value - state.mean()) / stddev : value > state.mean() ? Double.MAX_VALUE : 0;
        Level level = deviations > k ? Level.BREACHED : deviations < clearK ? Level.CLEAR : Level.BETWEEN;
        return Optional.of(new EwmaVerdict(level, state.mean(), stddev, deviations));
    }

    /** The state after seeing {@code value}: learned from, unless it breached (see {@link EwmaState#skip}). */
    public EwmaState next(EwmaState state, double value, Instant at, Optional<EwmaVerdict> verdict) {
        if (state == null) {
            return EwmaState.first(value, at);
        }
        boolean anomaly = verdict.map(v -> v.level() == Level.BREACHED).orElse(false);
        return anomaly ? state.skip(at) : state.learn(value, at, alpha);
    }
}
