package io.sentinel.events.settings.detector;

import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.util.List;

/**
 * Rule {@code metric-stale}: a metric that stopped arriving ({@code sentinel.detector.absence.stale-metrics},
 * or the runtime setting {@code detector.absence.stale-metrics}, which replaces the block; fields it leaves
 * out take the defaults).
 *
 * @param signals         the metrics watched, per resource and series
 * @param minObservations arrivals before a series counts as one that should keep arriving (default 3)
 * @param staleAfter      nothing for this long: it stopped (default 5m)
 * @param severity        of the incident (default warning)
 */
public record StaleMetricSetting(List<String> signals, Integer minObservations, Duration staleAfter, Severity severity) {

    public static final StaleMetricSetting DEFAULTS = new StaleMetricSetting(null, null, null, null);

    public StaleMetricSetting {
        signals = Signals.orDefault(signals, List.of("memory_usage_ratio", "cpu_usage_ratio"));
        minObservations = minObservations == null ? 3 : minObservations;
        staleAfter = staleAfter == null ? Duration.ofMinutes(5) : staleAfter;
        severity = severity == null ? Severity.WARNING : severity;
        if (minObservations < 1) {
            throw new IllegalArgumentException("min-observations must be at least 1, was " + minObservations);
        }
        if (!staleAfter.isPositive()) {
            throw new IllegalArgumentException("stale-after must be positive, was " + staleAfter);
        }
    }
}
