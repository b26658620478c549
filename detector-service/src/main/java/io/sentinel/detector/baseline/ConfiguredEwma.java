package io.sentinel.detector.baseline;

import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code sentinel.detector.baseline.ewma} as bound from the YAML, where the hold time is written
 * {@code for} (a Java keyword): it becomes the {@link EwmaBaselineSetting} the runtime setting
 * {@code detector.baseline.ewma} also makes, with that record's checks.
 */
public record ConfiguredEwma(List<String> signals, Double alpha, Double k, Double clearK, @Name("for") Duration holdFor, Integer minSamples,
                             Double stddevFloor) {

    public EwmaBaselineSetting toSetting() {
        try {
            return new EwmaBaselineSetting(signals, alpha, k, clearK, holdFor, minSamples, stddevFloor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sentinel.detector.baseline.ewma." + e.getMessage(), e);
        }
    }
}
