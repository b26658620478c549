package io.sentinel.detector.absence;

import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A heartbeat the detector expects even when the beats themselves do not say how often.
 *
 * @param every    how often it must beat
 * @param grace    how late it may be; unset: {@code default-grace}, else 10% of {@code every}, at least a minute
 * @param severity of the incident when it is missed (default warning)
 * @param labels   added to the incident's labels (team, runbook, ...)
 */
public record ExpectedHeartbeat(String name, Duration every, Duration grace, Severity severity, Map<String, String> labels) {

    static final String PROPERTY = "sentinel.detector.absence.heartbeats";

    public ExpectedHeartbeat {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(PROPERTY + " has a heartbeat without a name");
        }
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(PROPERTY + "[name=" + name + "].every must be positive, was " + every);
        }
        if (grace != null && grace.isNegative()) {
            throw new IllegalArgumentException(PROPERTY + "[name=" + name + "].grace must not be negative, was " + grace);
        }
        severity = severity == null ? Severity.WARNING : severity;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** By name; two with one name are an error naming {@code property}. */
    static Map<String, ExpectedHeartbeat> byName(List<ExpectedHeartbeat> heartbeats, String property) {
        Map<String, ExpectedHeartbeat> byName = new LinkedHashMap<>();
        for (ExpectedHeartbeat heartbeat : heartbeats) {
            if (heartbeat == null) {
                throw new IllegalArgumentException(property + " has an empty entry");
            }
            if (byName.put(heartbeat.name(), heartbeat) != null) {
                throw new IllegalArgumentException(property + " has two heartbeats named '" + heartbeat.name() + "'");
            }
        }
        return Map.copyOf(byName);
    }
}
