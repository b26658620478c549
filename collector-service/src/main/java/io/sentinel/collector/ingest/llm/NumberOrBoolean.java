package io.sentinel.collector.ingest.llm;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.sentinel.collector.ingest.constraint.ShowsValue;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A score's value: a finite number, or a boolean (true counts 1). Langfuse's categorical scores are text, and not carried. */
@Documented
@Constraint(validatedBy = NumberOrBoolean.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@ShowsValue.Always
@interface NumberOrBoolean {

    String message() default "must be a number or a boolean (categorical scores are not carried)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NumberOrBoolean, Object> {

        /** For a value already validated. */
        static double number(Object value) {
            return value instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) value).doubleValue();
        }

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            return value == null || value instanceof Boolean || value instanceof Number number && Double.isFinite(number.doubleValue());
        }
    }
}
