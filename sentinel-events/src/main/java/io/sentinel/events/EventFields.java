package io.sentinel.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation used by event records' compact constructors, so that an event missing a required
 * field can never be constructed, whether by a producer or by the JSON decoder.
 */
public final class EventFields {

    private EventFields() {
    }

    public static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    /** An optional text field: absent, or not blank. */
    public static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    public static double requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("field '" + field + "' must be a finite number, was " + value);
        }
        return value;
    }

    public static double requireBetween(double value, double min, double max, String field) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("field '" + field + "' must be within [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    public static <T> List<T> copyOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public static <T> Set<T> copyOf(Set<T> set) {
        return set == null ? Set.of() : Set.copyOf(set);
    }

    public static <T> List<T> requireNonEmpty(Collection<T> values, String field) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must not be empty");
        }
        return List.copyOf(values);
    }
}
