package io.sentinel.events.settings.detector;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.util.Map;

/**
 * One threshold rule: "{@code signal} above {@code above} for {@code for}" (or below {@code below}).
 * It fires once the condition has held for the whole duration, and once active it clears only when
 * the value reaches its clear level ({@code clear-below} / {@code clear-above}, inclusive, defaulting
 * to the threshold). Configured under {@code sentinel.detector.threshold.rules}; the runtime setting
 * {@code detector.threshold.<name>} holds the same fields but the name, which is the setting's last part.
 *
 * @param holdFor how long the condition must hold before it fires ({@code for}; default 0)
 * @param labels  extra labels for the incidents this rule opens (team, runbook, ...)
 * @param title   incident title; {@code {resource}} is replaced by the resource's name
 */
public record ThresholdSetting(String name, String signal, Double above, Double clearBelow, Double below, Double clearAbove,
                               @JsonProperty("for") Duration holdFor, Severity severity, String title, Map<String, String> labels) {

    public ThresholdSetting {
        if (name != null && name.contains(":")) {
            // alert:<alertname> is what external alerts are named: no rule of the detector may pass for one, or the other way round.
            throw new IllegalArgumentException("name must not contain ':' (names with ':' are reserved for external alerts, "
                    + "alert:<alertname>), was '" + name + "'");
        }
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("name must be lowercase letters, digits and dashes, was '" + name + "'");
        }
        if (signal == null || signal.isBlank()) {
            throw new IllegalArgumentException("signal is required");
        }
        if ((above == null) == (below == null)) {
            throw new IllegalArgumentException("exactly one of 'above' or 'below' is required");
        }
        if (above != null) {
            requireFinite(above, "above");
            clearBelow = clearBelow == null ? above : clearBelow;
            requireFinite(clearBelow, "clear-below");
            if (clearBelow > above) {
                throw new IllegalArgumentException("clear-below (" + clearBelow + ") must not exceed above (" + above
                        + "), or the incident could never clear");
            }
        } else {
            requireFinite(below, "below");
            clearAbove = clearAbove == null ? below : clearAbove;
            requireFinite(clearAbove, "clear-above");
            if (clearAbove < below) {
                throw new IllegalArgumentException("clear-above (" + clearAbove + ") must not be under below (" + below
                        + "), or the incident could never clear");
            }
        }
        holdFor = holdFor == null ? Duration.ZERO : holdFor;
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("for must not be negative, was " + holdFor);
        }
        severity = severity == null ? Severity.WARNING : severity;
        title = title == null || title.isBlank() ? signal + " " + (above != null ? "above " + above : "below " + below) + " on {resource}" : title;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static ThresholdSetting above(String name, String signal, double above, double clearBelow, Duration holdFor, Severity severity,
                                         String title) {
        return new ThresholdSetting(name, signal, above, clearBelow, null, null, holdFor, severity, title, Map.of());
    }

    private static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
    }
}
