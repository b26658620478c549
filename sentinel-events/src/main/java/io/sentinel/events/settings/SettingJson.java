package io.sentinel.events.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * The one way a runtime setting's JSON value becomes a typed value, and back: field names in
 * kebab-case as in the services' YAML, unknown fields refused, enums in any case, durations read by
 * {@link HumanDuration} (and written as ISO-8601, which it reads back). Errors name the setting and
 * the field, in words an operator can act on. Thread-safe.
 */
public final class SettingJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // What a setting leaves out takes its default: written values leave out what is unset.
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addModule(new SimpleModule("sentinel-settings")
                    .addDeserializer(Duration.class, new HumanDuration.Deserializer())
                    .addSerializer(Duration.class, ToStringSerializer.instance))
            .build();

    private SettingJson() {
    }

    public static JavaType type(java.lang.reflect.Type type) {
        return MAPPER.constructType(type);
    }

    public static JavaType listOf(Class<?> element) {
        return MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    }

    /**
     * @param where what the value is, for the message: the setting's name (or a configuration property)
     * @throws IllegalArgumentException "{@code <where><path>: <what is wrong>}", e.g.
     *                                  {@code detector.silences[0]: ends-at is required: silences must end}
     */
    public static <T> T read(JsonNode value, JavaType type, String where) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException(where + ": a value is required");
        }
        // Unknown fields first: a record is built before Jackson reports them, and a misspelt field would
        // otherwise show up as the record's complaint about the field it is missing.
        unknownFields(value, type, where, "");
        try {
            return MAPPER.treeToValue(value, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + path(e) + ": " + reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public static <T> T read(JsonNode value, Class<T> type, String where) {
        return read(value, type(type), where);
    }

    /** The value as a setting would carry it: the inverse of {@link #read}. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The name a record component has in a setting's JSON: its {@code @JsonProperty}, else its name in kebab-case. */
    static String jsonName(RecordComponent component) {
        JsonProperty explicit = component.getAnnotation(JsonProperty.class);
        if (explicit == null) {
            explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        StringBuilder kebab = new StringBuilder();
        for (char c : component.getName().toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }

    private static void unknownFields(JsonNode node, JavaType type, String where, String path) {
        if (type.isRecordType() && node.isObject()) {
            Map<String, JavaType> fields = new TreeMap<>();
            for (RecordComponent component : type.getRawClass().getRecordComponents()) {
                fields.put(jsonName(component), MAPPER.constructType(component.getGenericType()));
            }
            node.properties().forEach(field -> {
                JavaType fieldType = fields.get(field.getKey());
                if (fieldType == null) {
                    throw new IllegalArgumentException(where + path + ": unknown field \"" + field.getKey() + "\" (known fields: "
                            + String.join(", ", fields.keySet()) + ")");
                }
                unknownFields(field.getValue(), fieldType, where, path + "." + field.getKey());
            });
        } else if (type.isCollectionLikeType() && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unknownFields(node.get(i), type.getContentType(), where, path + "[" + i + "]");
            }
        } else if (type.isMapLikeType() && node.isObject()) {
            node.properties().forEach(entry -> unknownFields(entry.getValue(), type.getContentType(), where, path + "." + entry.getKey()));
        }
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        // The field an unknown-property error is about is named in the reason instead.
        if (e instanceof UnrecognizedPropertyException unknown && path.toString().endsWith("." + unknown.getPropertyName())) {
            path.setLength(path.length() - unknown.getPropertyName().length() - 1);
        }
        return path.toString();
    }

    private static String reason(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", ", " (known fields: ", ")"));
            return "unknown field \"" + unknown.getPropertyName() + "\"" + known;
        }
        // A record's own check (its compact constructor) says what is wrong in its own words.
        Throwable cause = e instanceof ValueInstantiationException ? e.getCause() : null;
        if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
            return invalid.getMessage();
        }
        return e.getOriginalMessage();
    }
}
