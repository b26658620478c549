package io.sentinel.collector.ingest.constraint;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * An RFC 3339 date-time with an offset, e.g. {@code 2026-11-23T14:05:35.86Z} ({@code t} and {@code z}
 * in lower case too). A time without an offset is refused rather than guessed to be UTC. Null and
 * blank pass: {@code @NotNull} and {@link Text} say what is wrong with those.
 */
@Documented
@Constraint(validatedBy = Rfc3339.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
@ShowsValue.Always
public @interface Rfc3339 {

    String message() default "must be an RFC 3339 date-time with an offset (e.g. 2026-11-23T14:05:35Z)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Rfc3339, String> {

        /** The instant a valid value names; empty for anything else. */
        public static Optional<Instant> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        /** For a value already validated; null stays null. */
        public static Instant instant(String text) {
            return text == null ? null : parse(text).orElseThrow(() -> new IllegalArgumentException("not validated: " + text));
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || parse(value).isPresent();
        }
    }
}
