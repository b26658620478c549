package io.sentinel.detector.absence;

import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.util.List;

/**
 * A metric that stopped arriving ({@code sentinel.detector.absence.stale-metrics}, or the runtime
 * setting {@value StaleMetricRule#SETTING}; fields it leaves out take the defaults below).
 *
 * @param signals         the metrics watched, per resource and series
 * @param minObservations arrivals before a series counts as one that should keep arriving (default 3)
 * @param staleAfter      nothing for this long: it stopped (default 5m)
 * @param severity        of the incident (default warning)
 */
public record StaleMetricSettings(List<String> signals, Integer minObservations, Duration staleAfter, Severity severity) {

    static final String PROPERTY = "sentinel.detector.absence.stale-metrics";

    public StaleMetricSettings {
        if (signals != null && signals.stream().anyMatch(signal -> signal == null || signal.isBlank())) {
            throw new IllegalArgumentException(PROPERTY + ".signals must list signal names, was " + signals);
        }
        signals = signals == null ? List.of("memory_usage_ratio", "cpu_usage_ratio") : List.copyOf(signals);
        minObservations = minObservations == null ? 3 : minObservations;
        staleAfter = staleAfter == null ? Duration.ofMinutes(5) : staleAfter;
        severity = severity == null ? Severity.WARNING : severity;
        if (minObservations < 1) {
            throw new IllegalArgumentException(PROPERTY + ".min-observations must be at least 1, was " + minObservations);
        }
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException(PROPERTY + ".stale-after must be positive, was " + staleAfter);
        }
    }
}
