package io.sentinel.detector.llm;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import java.util.Optional;

/**
 * Whether an application's failed-trace share jumped: above {@code max(jump-factor × baseline, min-rate)},
 * where the baseline is the previous window's share (zero when it had too few traces to say). While
 * the condition is active the baseline stays the one it fired against, or a lasting cascade would
 * become its own baseline and clear itself. Pure.
 */
public final class CascadeCheck {

    /**
     * @param baseline the share the current one was compared with (frozen while active)
     */
    public record Verdict(Level level, Severity severity, double rate, double threshold, double baseline, TraceBuckets.Counts current) {
    }

    private CascadeCheck() {
    }

    /**
     * @param frozenBaseline the baseline the active condition fired against, or null when it is not active
     * @return empty while the current window has fewer than {@code min-traces} traces: too few to judge either way
     */
    public static Optional<Verdict> judge(TraceBuckets.Windows windows, Double frozenBaseline, LlmSetting.ErrorCascade limits) {
        TraceBuckets.Counts current = windows.current();
        if (current.traces() < limits.minTraces()) {
            return Optional.empty();
        }
        double baseline = frozenBaseline != null ? frozenBaseline
                : windows.previous().traces() >= limits.minTraces() ? windows.previous().rate() : 0;
        double threshold = Math.max(limits.jumpFactor() * baseline, limits.minRate());
        double rate = current.rate();
        Level level = rate > threshold ? Level.BREACHED : Level.CLEAR;
        Severity severity = rate > limits.criticalRate() ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(new Verdict(level, severity, rate, threshold, baseline, current));
    }
}
