package io.sentinel.detector.baseline;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The EWMA baseline's judgement, with the values of its {@link EwmaBaselineSetting}: a value more than
 * {@code k} standard deviations above the learned mean breaches, below {@code clearK} it clears. Pure.
 */
public record EwmaBaseline(List<String> signals, double alpha, double k, double clearK, Duration holdFor, int minSamples,
                           double stddevFloor) {

    public static EwmaBaseline of(EwmaBaselineSetting setting) {
        return new EwmaBaseline(setting.signals(), setting.alpha(), setting.k(), setting.clearK(), setting.holdFor(), setting.minSamples(),
                setting.stddevFloor());
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
