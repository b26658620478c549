package io.sentinel.runtime.settings;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a runtime setting's JSON value into the same shape as its counterpart in the service's YAML
 * configuration (kebab-case names), so operators write settings the way they write configuration.
 */
public final class SettingValues {

    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new ConfigDurationDeserializer()))
            .build();

    public <T> T read(JsonNode value, Class<T> type, String settingName) {
        return read(value, json.constructType(type), settingName);
    }

    public <T> java.util.List<T> readList(JsonNode value, Class<T> elementType, String settingName) {
        return read(value, json.getTypeFactory().constructCollectionType(java.util.List.class, elementType), settingName);
    }

    private <T> T read(JsonNode value, JavaType type, String settingName) {
        try {
            return json.treeToValue(value, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidSettingException(settingName + ": " + (e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** Durations as the YAML configuration writes them ({@code 30s}, {@code 5m}, ISO-8601), parsed by Spring Boot's own rules. */
    private static final class ConfigDurationDeserializer extends StdDeserializer<Duration> {

        ConfigDurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.getValueAsString();
            try {
                return DurationStyle.detectAndParse(text);
            } catch (IllegalArgumentException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text, "expected a duration such as 30s, 5m or PT30S");
            }
        }
    }

    /** A runtime setting whose value does not fit; it is ignored (with a warning) rather than applied. */
    public static final class InvalidSettingException extends RuntimeException {

        public InvalidSettingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
