package io.sentinel.detector.threshold;

import io.sentinel.events.settings.detector.ThresholdSetting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The threshold rules, from {@code sentinel.detector.threshold.rules}, in the shape of the runtime
 * setting {@code detector.threshold.<name>}, which replaces or adds the rule of that name.
 */
@ConfigurationProperties("sentinel.detector.threshold")
public record ThresholdProperties(Map<String, ThresholdSetting> rulesByName) {

    private static final String PROPERTY = "sentinel.detector.threshold.rules";

    public ThresholdProperties {
        rulesByName = rulesByName == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rulesByName));
    }

    /** As bound from the YAML: a list, each rule checked by the setting's contract, no name twice. */
    @ConstructorBinding
    public ThresholdProperties(List<ConfiguredThreshold> rules) {
        this(byName(rules));
    }

    public static ThresholdProperties of(ThresholdSetting... rules) {
        Map<String, ThresholdSetting> byName = new LinkedHashMap<>();
        for (ThresholdSetting rule : rules) {
            byName.put(rule.name(), rule);
        }
        return new ThresholdProperties(byName);
    }

    private static Map<String, ThresholdSetting> byName(List<ConfiguredThreshold> rules) {
        Map<String, ThresholdSetting> byName = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        List<ConfiguredThreshold> configured = rules == null ? List.of() : new ArrayList<>(rules);
        for (int i = 0; i < configured.size(); i++) {
            ConfiguredThreshold rule = configured.get(i);
            if (rule == null) {
                throw new IllegalArgumentException(PROPERTY + " has an empty entry");
            }
            ThresholdSetting setting;
            try {
                setting = rule.toSetting();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + "[" + i + "]." + e.getMessage(), e);
            }
            if (!names.add(setting.name())) {
                throw new IllegalArgumentException(PROPERTY + " has two rules named '" + setting.name() + "'");
            }
            byName.put(setting.name(), setting);
        }
        return byName;
    }
}
