package io.sentinel.detector.novelty;

import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The novelty rule's effective values: {@link NoveltyProperties} as configured, each one replaced while
 * the runtime setting {@code detector.novelty.learn-for}, {@code .quiet-for} or
 * {@code .max-fingerprints-per-service} exists (durations as ISO-8601 text such as {@code "PT5M"}, or
 * seconds). A setting that does not fit is ignored with a warning; the others still apply.
 */
public final class NoveltySettings {

    public static final String PREFIX = "detector.novelty.";
    private static final Logger log = LoggerFactory.getLogger(NoveltySettings.class);

    private final SettingsView<NoveltyProperties> effective;

    public NoveltySettings(NoveltyProperties configured, RuntimeSettings settings, SettingValues values) {
        this.effective = new SettingsView<>(settings, () -> overridden(configured, settings.under(PREFIX), values));
    }

    public NoveltyProperties current() {
        return effective.get();
    }

    static NoveltyProperties overridden(NoveltyProperties configured, Map<String, JsonNode> overrides, SettingValues values) {
        NoveltyProperties result = configured;
        for (Map.Entry<String, JsonNode> override : overrides.entrySet()) {
            String setting = PREFIX + override.getKey();
            JsonNode value = override.getValue();
            try {
                result = switch (override.getKey()) {
                    case "learn-for" -> new NoveltyProperties(values.read(value, Duration.class, setting), result.quietFor(),
                            result.maxFingerprintsPerService());
                    case "quiet-for" -> new NoveltyProperties(result.learnFor(), values.read(value, Duration.class, setting),
                            result.maxFingerprintsPerService());
                    case "max-fingerprints-per-service" -> new NoveltyProperties(result.learnFor(), result.quietFor(),
                            values.read(value, Integer.class, setting));
                    default -> throw new IllegalArgumentException("there is no such setting; known: learn-for, quiet-for, "
                            + "max-fingerprints-per-service");
                };
            } catch (RuntimeException e) {
                log.warn("ignoring runtime setting {}: {}", setting, e.getMessage());
            }
        }
        return result;
    }
}
