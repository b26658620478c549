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
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One word of a fixed vocabulary (a log level, a status), in any case and with surrounding blanks.
 * Null and blank pass: {@code @NotNull} and {@link Text} say what is wrong with those.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
@ShowsValue.Always
public @interface OneOf {

    /** The accepted words, upper-case. */
    String[] value();

    /** Names the vocabulary, e.g. "must be one of DEBUG, INFO"; the value sent is appended. */
    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<OneOf, String> {

        private Set<String> accepted;

        @Override
        public void initialize(OneOf constraint) {
            accepted = Arrays.stream(constraint.value()).map(word -> word.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || accepted.contains(value.strip().toUpperCase(Locale.ROOT));
        }
    }
}
