package io.sentinel.events.settings.detector;

import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A heartbeat the detector expects even when the beats themselves do not say how often (an element
 * of {@code sentinel.detector.absence.heartbeats}, or of the runtime setting
 * {@code detector.absence.heartbeats}, which replaces the list).
 *
 * @param every    how often it must beat
 * @param grace    how late it may be; unset: {@code default-grace}, else 10% of {@code every}, at least a minute
 * @param severity of the incident when it is missed (default warning)
 * @param labels   added to the incident's labels (team, runbook, ...)
 */
public record HeartbeatSetting(String name, Duration every, Duration grace, Severity severity, Map<String, String> labels) {

    public HeartbeatSetting {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (every == null || !every.isPositive()) {
            throw new IllegalArgumentException("every must be positive, was " + every + " (heartbeat '" + name + "')");
        }
        if (grace != null && grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace + " (heartbeat '" + name + "')");
        }
        severity = severity == null ? Severity.WARNING : severity;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The list as a whole: no empty entry, no name twice. */
    public static List<HeartbeatSetting> checkList(List<HeartbeatSetting> heartbeats) {
        if (heartbeats == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        for (HeartbeatSetting heartbeat : heartbeats) {
            if (heartbeat == null) {
                throw new IllegalArgumentException("the list has an empty entry");
            }
            if (!names.add(heartbeat.name())) {
                throw new IllegalArgumentException("two heartbeats are named '" + heartbeat.name() + "'");
            }
        }
        return List.copyOf(heartbeats);
    }

    /** {@code default-grace}: the grace of heartbeats that neither beats nor configuration give one; null: 10% of every, at least 1m. */
    public static Duration checkDefaultGrace(Duration grace) {
        if (grace != null && grace.isNegative()) {
            throw new IllegalArgumentException("default-grace must not be negative, was " + grace);
        }
        return grace;
    }
}
