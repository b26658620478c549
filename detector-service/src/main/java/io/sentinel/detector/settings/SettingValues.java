package io.sentinel.detector.settings;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a runtime setting's JSON value into the same shape as its {@code detector.yaml} counterpart
 * (kebab-case names), so operators write settings the way they write configuration.
 */
public final class SettingValues {

    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
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

    /** A runtime setting whose value does not fit; it is ignored (with a warning) rather than applied. */
    public static final class InvalidSettingException extends RuntimeException {

        public InvalidSettingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
