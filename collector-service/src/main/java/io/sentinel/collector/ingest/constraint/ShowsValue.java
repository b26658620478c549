package io.sentinel.collector.ingest.constraint;

import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Marks a constraint whose message ends with the offending value as the client sent it, e.g.
 * {@code field 'level' must be one of ..., was 'LOUD'}: a client fixes a payload faster when it sees
 * what it sent. The value is taken from the request's JSON, not from what it was bound to. On a
 * use of a constraint as {@code payload = ShowsValue.class}; on a constraint of ours as
 * {@link Always}, since Bean Validation wants a constraint's default payload empty.
 */
public interface ShowsValue extends Payload {

    /** Every violation of the constraint annotated with this shows the value. */
    @Target(ElementType.ANNOTATION_TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Always {
    }

    /** What a value is, for an error: its kind, and its text when short. */
    static String describe(JsonNode value) {
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
