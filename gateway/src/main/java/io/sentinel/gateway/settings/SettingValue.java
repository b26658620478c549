package io.sentinel.gateway.settings;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A setting's value as the API receives it: one JSON value of at most 64 KiB, an object or array for
 * a block of configuration or a string, number or boolean for a single property (e.g.
 * {@code detector.novelty.learn-for = "5m"}). {@code null} is refused: removing a setting is
 * {@code DELETE}. What the value must mean is its setting's contract, checked by {@link SettingRules};
 * this only makes sure it is well-formed JSON of a bounded size. Pure.
 */
public final class SettingValue {

    /**
     * Every instance of every service keeps every setting in memory and replays them all at start,
     * so one value stays small. A threshold rule is a few hundred bytes; 64 KiB holds hundreds of silences.
     */
    public static final int MAX_BYTES = 64 * 1024;

    /** Duplicate keys would be resolved silently (the last wins): refusing them spares a puzzling result. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SettingValue() {
    }

    static final String REQUIRED = "request body is required: the setting's value as JSON (an object, array, string, number or boolean)";

    /** @param body the request body, of which a caller needs to read no more than {@code MAX_BYTES + 1} bytes */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidSettingException(REQUIRED);
        }
        if (body.length > MAX_BYTES) {
            throw new SettingTooLargeException("setting value must be at most " + MAX_BYTES + " bytes (64 KiB)");
        }
        JsonNode value;
        try {
            value = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidSettingException("setting value is not valid JSON: " + e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) {
            throw new InvalidSettingException(REQUIRED);
        }
        if (value.isNull()) {
            throw new InvalidSettingException("setting value must not be null; DELETE /api/settings/{name} brings back the configured default");
        }
        if (!value.isObject() && !value.isArray() && !value.isString() && !value.isNumber() && !value.isBoolean()) {
            throw new InvalidSettingException("setting value must be a JSON object, array, string, number or boolean, was " + describe(value));
        }
        return value;
    }

    /** The value's size as published, for values the gateway builds itself (the silences list). */
    public static int size(JsonNode value) {
        return STRICT.writeValueAsBytes(value).length;
    }

    private static String describe(JsonNode value) {
        return value.isNull() ? "null" : "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
