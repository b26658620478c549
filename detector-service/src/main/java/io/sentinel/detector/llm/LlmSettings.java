package io.sentinel.detector.llm;

import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import io.sentinel.runtime.settings.SettingsView;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The LLM rules' effective values: {@link LlmProperties} as configured, with each runtime setting
 * {@code detector.llm.<rule>.<property>} (e.g. {@code detector.llm.error-cascade.min-traces = 50}) or
 * {@code detector.llm.tool-schemas} replacing that one value while it exists. Values are JSON in the
 * configuration's shape; durations as ISO-8601 text ({@code "PT5M"}) or seconds. A setting that does
 * not fit (unknown name, invalid value) is ignored with a warning naming it; the others still apply.
 */
@Component
public final class LlmSettings {

    public static final String PREFIX = "detector.llm.";
    private static final Logger log = LoggerFactory.getLogger(LlmSettings.class);
    /** Writes the configured values in the shape settings are read in (kebab-case, ISO durations). */
    private static final JsonMapper CONFIGURATION_SHAPE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();

    private final SettingsView<LlmProperties> effective;

    public LlmSettings(LlmProperties configured, RuntimeSettings settings, SettingValues values) {
        this.effective = new SettingsView<>(settings, () -> overridden(configured, settings.under(PREFIX), values));
    }

    public LlmProperties current() {
        return effective.get();
    }

    static LlmProperties overridden(LlmProperties configured, Map<String, JsonNode> overrides, SettingValues values) {
        ObjectNode tree = CONFIGURATION_SHAPE.valueToTree(configured);
        LlmProperties result = configured;
        for (Map.Entry<String, JsonNode> override : overrides.entrySet()) {
            String setting = PREFIX + override.getKey();
            try {
                ObjectNode candidate = tree.deepCopy();
                place(candidate, override.getKey(), override.getValue());
                result = values.read(candidate, LlmProperties.class, setting);
                tree = candidate;
            } catch (RuntimeException e) {
                log.warn("ignoring runtime setting {}: {}", setting, e.getMessage());
            }
        }
        return result;
    }

    /** Puts {@code value} where {@code name} says: {@code tool-schemas}, or {@code <rule>.<property>} of a known property. */
    private static void place(ObjectNode tree, String name, JsonNode value) {
        String[] path = name.split("\\.");
        if (path.length == 1 && path[0].equals("tool-schemas")) {
            tree.set(path[0], value);
        } else if (path.length == 2 && tree.get(path[0]) instanceof ObjectNode rule && rule.has(path[1])) {
            rule.set(path[1], value);
        } else {
            throw new IllegalArgumentException("there is no such setting; a setting names one property (like "
                    + PREFIX + "error-cascade.min-traces) or " + PREFIX + "tool-schemas");
        }
    }
}
