package io.sentinel.detector.threshold;

import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The threshold rules, from {@code sentinel.detector.threshold.rules}. At runtime the setting
 * {@code detector.threshold.<name>} (same fields, as JSON) replaces or adds the rule of that name.
 */
@ConfigurationProperties("sentinel.detector.threshold")
public record ThresholdProperties(List<ThresholdRule> rules) {

    public ThresholdProperties {
        rules = rules == null ? List.of() : List.copyOf(rules);
        var names = new HashSet<String>();
        for (ThresholdRule rule : rules) {
            if (rule == null) {
                throw new IllegalArgumentException("sentinel.detector.threshold.rules has an empty entry");
            }
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("sentinel.detector.threshold.rules has two rules named '" + rule.name() + "'");
            }
        }
    }
}
