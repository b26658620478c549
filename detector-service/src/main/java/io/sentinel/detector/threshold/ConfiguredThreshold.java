package io.sentinel.detector.threshold;

import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.ThresholdSetting;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Name;

/**
 * An entry of {@code sentinel.detector.threshold.rules} as bound from the YAML, where the hold time is
 * written {@code for} (a Java keyword): it becomes the {@link ThresholdSetting} the runtime setting
 * {@code detector.threshold.<name>} also makes, with that record's checks.
 */
public record ConfiguredThreshold(String name, String signal, Double above, Double clearBelow, Double below, Double clearAbove,
                                  @Name("for") Duration holdFor, Severity severity, String title, Map<String, String> labels) {

    public ThresholdSetting toSetting() {
        return new ThresholdSetting(name, signal, above, clearBelow, below, clearAbove, holdFor, severity, title, labels);
    }
}
