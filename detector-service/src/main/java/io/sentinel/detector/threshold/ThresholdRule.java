package io.sentinel.detector.threshold;

import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.bind.Name;

/**
 * "{@code signal} above {@code above} for {@code for}": the condition must hold for the whole
 * duration before an incident opens, and once open it clears only when the value falls below
 * {@code clearBelow}, so a value hovering around the threshold neither flaps nor re-alerts.
 *
 * @param title incident title; {@code {resource}} is replaced by the resource's name
 */
public record ThresholdRule(String name, String signal, double above, double clearBelow, @Name("for") Duration holdFor,
                            Severity severity, String title) {

    public ThresholdRule {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("threshold rule name must be lowercase letters, digits and dashes, was '" + name + "'");
        }
        if (signal == null || signal.isBlank()) {
            throw new IllegalArgumentException("threshold rule '" + name + "' needs a signal");
        }
        if (clearBelow > above) {
            throw new IllegalArgumentException("threshold rule '" + name + "': clear-below (" + clearBelow
                    + ") must not exceed above (" + above + "), or the incident could never clear");
        }
        holdFor = holdFor == null ? Duration.ZERO : holdFor;
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("threshold rule '" + name + "': for must not be negative");
        }
        severity = severity == null ? Severity.WARNING : severity;
        title = title == null || title.isBlank() ? signal + " above " + above + " on {resource}" : title;
    }

    /** Decides what a new value means, given where the condition stood. Pure: no clock, no I/O. */
    public Transition evaluate(ConditionState state, double value, Instant at) {
        boolean breached = value > above;
        return switch (state.phase()) {
            case FIRING -> value < clearBelow ? new Transition.Cleared() : new Transition.Persisting(breached);
            case CLEARED -> breached ? new Transition.Returned() : new Transition.Quiet();
            case NONE -> {
                if (!breached) {
                    yield state.pendingSince() == null ? new Transition.Quiet() : new Transition.Reset();
                }
                Instant since = state.pendingSince() == null ? at : state.pendingSince();
                yield Duration.between(since, at).compareTo(holdFor) >= 0 ? new Transition.Opened(since) : new Transition.Pending(since);
            }
        };
    }

    public String titleFor(String resource) {
        return title.replace("{resource}", resource);
    }
}
