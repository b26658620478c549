package io.sentinel.collector.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * One JSON object of a request, read field by field. Every error names where it is: the NDJSON
 * line, and the field's path from the request's root ({@code observations[2].usage.input}).
 * Absent and {@code null} fields are the same: not given.
 */
public final class PayloadObject {

    private final JsonNode node;
    private final Integer line;
    private final String path;

    private PayloadObject(JsonNode node, Integer line, String path) {
        this.node = node;
        this.line = line;
        this.path = path;
    }

    /**
     * @param line the NDJSON line the object is on, or null
     * @param path its path in the request, "" for the root, e.g. {@code [3]} for an element of a root array
     */
    public static PayloadObject of(JsonNode node, Integer line, String path) {
        if (!node.isObject()) {
            String what = "expected a JSON object, was " + describe(node);
            throw path.isEmpty() ? InvalidPayload.whole(line, what) : InvalidPayload.field(line, path, "must be a JSON object, was " + describe(node));
        }
        return new PayloadObject(node, line, path);
    }

    public String requiredText(String name) {
        return text(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** A string; a number or boolean is refused rather than guessed at. */
    public Optional<String> text(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw invalid(name, "must be a string, was " + describe(value));
        }
        if (value.stringValue().isBlank()) {
            throw invalid(name, "must not be blank");
        }
        return Optional.of(value.stringValue());
    }

    /** An RFC 3339 date-time with an offset, e.g. {@code 2026-11-23T14:05:35.86Z}. */
    public Optional<Instant> instant(String name) {
        return text(name).map(text -> {
            try {
                return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(name, "must be an RFC 3339 date-time with an offset (e.g. 2026-11-23T14:05:35Z), was '" + text + "'");
            }
        });
    }

    /** Whole and not negative: a token count. {@code 12.0} is whole, {@code 12.5} is not. */
    public OptionalLong count(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() < 0) {
            throw invalid(name, "must be a whole number not below 0, was " + describe(value));
        }
        return OptionalLong.of(value.longValue());
    }

    /** A finite number. */
    public OptionalDouble number(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw invalid(name, "must be a number, was " + describe(value));
        }
        return OptionalDouble.of(value.doubleValue());
    }

    /** An object of strings; numbers and booleans are taken as their text. At most {@code maxEntries}. */
    public Map<String, String> strings(String name, int maxEntries, TextLimit valueLimit) {
        return object(name).map(object -> object.asStrings(maxEntries, valueLimit)).orElse(Map.of());
    }

    /** This object as strings, as {@link #strings} reads a field. */
    public Map<String, String> asStrings(int maxEntries, TextLimit valueLimit) {
        if (node.size() > maxEntries) {
            String problem = "has " + node.size() + " entries; at most " + maxEntries + " are accepted";
            throw path.isEmpty() ? InvalidPayload.whole(line, "the object " + problem) : InvalidPayload.field(line, path, problem);
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (entry.getKey().isBlank()) {
                throw path.isEmpty() ? InvalidPayload.whole(line, "an entry has a blank name")
                        : InvalidPayload.field(line, path, "has an entry with a blank name");
            }
            if (value.isString() || value.isNumber() || value.isBoolean()) {
                strings.put(entry.getKey(), valueLimit.apply(value.asString()));
            } else if (!value.isNull()) {
                throw invalid(entry.getKey(), "must be a string, number or boolean, was " + describe(value));
            }
        }
        return strings;
    }

    public Optional<PayloadObject> object(String name) {
        JsonNode value = value(name);
        return value == null ? Optional.empty() : Optional.of(of(value, line, field(name)));
    }

    /** An array of objects; absent is empty. */
    public List<PayloadObject> objects(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(name, "must be an array, was " + describe(value));
        }
        List<PayloadObject> objects = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            objects.add(of(value.get(i), line, field(name) + "[" + i + "]"));
        }
        return objects;
    }

    /** The field as JSON, whatever it is; null when not given. */
    public JsonNode raw(String name) {
        return value(name);
    }

    public boolean has(String name) {
        return value(name) != null;
    }

    /** An error about one of this object's fields. */
    public InvalidPayload invalid(String name, String problem) {
        return InvalidPayload.field(line, field(name), problem);
    }

    private JsonNode value(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** What a value is, for an error: its kind, and its text when short. */
    public static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "'" + shorten(value.stringValue()) + "'";
            case NUMBER, BOOLEAN -> value.asString();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
