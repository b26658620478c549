package io.sentinel.detector.threshold;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.ThresholdSetting;
import java.time.Duration;
import java.util.Map;

/**
 * One threshold as the rule judges with it: "{@code signal} above {@code threshold} for {@code holdFor}"
 * (or below), clearing at {@code clearLevel}. Made from a {@link ThresholdSetting}, which checked it. Pure.
 */
public record Threshold(String name, String signal, Comparison comparison, double threshold, double clearLevel, Duration holdFor,
                        Severity severity, String title, Map<String, String> labels) {

    public static Threshold of(ThresholdSetting setting) {
        boolean above = setting.above() != null;
        return new Threshold(setting.name(), setting.signal(), above ? Comparison.ABOVE : Comparison.BELOW,
                above ? setting.above() : setting.below(), above ? setting.clearBelow() : setting.clearAbove(), setting.holdFor(),
                setting.severity(), setting.title(), setting.labels());
    }

    /** Where a value stands against the threshold and the clear level. */
    public Level level(double value) {
        if (comparison == Comparison.ABOVE) {
            return value > threshold ? Level.BREACHED : value <= clearLevel ? Level.CLEAR : Level.BETWEEN;
        }
        return value < threshold ? Level.BREACHED : value >= clearLevel ? Level.CLEAR : Level.BETWEEN;
    }

    public String titleFor(String resource) {
        return title.replace("{resource}", resource);
    }
}
