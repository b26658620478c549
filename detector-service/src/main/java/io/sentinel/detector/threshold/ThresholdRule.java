package io.sentinel.detector.threshold;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Name;

/**
 * "{@code signal} above {@code above} for {@code for}" (or below {@code below}): the condition must
 * hold for the whole duration before it fires, and once active it clears only when the value reaches
 * its clear level ({@code clear-below} / {@code clear-above}, inclusive, defaulting to the threshold),
 * so a value hovering around the threshold neither flaps nor re-alerts.
 *
 * @param labels extra labels for the incidents this rule opens (team, runbook, ...)
 * @param title  incident title; {@code {resource}} is replaced by the resource's name
 */
public record ThresholdRule(String name, String signal, Double above, Double clearBelow, Double below, Double clearAbove,
                            @Name("for") @JsonProperty("for") Duration holdFor, Severity severity, String title, Map<String, String> labels) {

    public ThresholdRule {
        if (name != null && name.contains(":")) {
            // alert:<alertname> is what external alerts are named: no rule of the detector may pass for one, or the other way round.
            throw new IllegalArgumentException("threshold rule name must not contain ':' (names with ':' are reserved for external alerts, "
                    + "alert:<alertname>), was '" + name + "'");
        }
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("threshold rule name must be lowercase letters, digits and dashes, was '" + name + "'");
        }
        if (signal == null || signal.isBlank()) {
            throw new IllegalArgumentException("threshold rule '" + name + "' needs a signal");
        }
        if ((above == null) == (below == null)) {
            throw new IllegalArgumentException("threshold rule '" + name + "' needs exactly one of 'above' or 'below'");
        }
        if (above != null) {
            clearBelow = clearBelow == null ? above : clearBelow;
            if (clearBelow > above) {
                throw new IllegalArgumentException("threshold rule '" + name + "': clear-below (" + clearBelow
                        + ") must not exceed above (" + above + "), or the incident could never clear");
            }
        } else {
            clearAbove = clearAbove == null ? below : clearAbove;
            if (clearAbove < below) {
                throw new IllegalArgumentException("threshold rule '" + name + "': clear-above (" + clearAbove
                        + ") must not be under below (" + below + "), or the incident could never clear");
            }
        }
        holdFor = holdFor == null ? Duration.ZERO : holdFor;
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("threshold rule '" + name + "': for must not be negative");
        }
        severity = severity == null ? Severity.WARNING : severity;
        title = title == null || title.isBlank() ? signal + " " + (above != null ? "above " + above : "below " + below) + " on {resource}" : title;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static ThresholdRule above(String name, String signal, double above, double clearBelow, Duration holdFor, Severity severity,
                                      String title) {
        return new ThresholdRule(name, signal, above, clearBelow, null, null, holdFor, severity, title, Map.of());
    }

    public Comparison comparison() {
        return above != null ? Comparison.ABOVE : Comparison.BELOW;
    }

    public double threshold() {
        return above != null ? above : below;
    }

    public double clearLevel() {
        return above != null ? clearBelow : clearAbove;
    }

    /** Where a value stands against the threshold and the clear level. Pure. */
    public Level level(double value) {
        if (comparison() == Comparison.ABOVE) {
            return value > above ? Level.BREACHED : value <= clearBelow ? Level.CLEAR : Level.BETWEEN;
        }
        return value < below ? Level.BREACHED : value >= clearAbove ? Level.CLEAR : Level.BETWEEN;
    }

    public String titleFor(String resource) {
        return title.replace("{resource}", resource);
    }
}
