package io.sentinel.collector.ingest.llm;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.sentinel.collector.ingest.constraint.Rfc3339;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** A step that ends before it starts is a clock or SDK bug; its duration would be negative. Reported on {@code endTime}. */
@Documented
@Constraint(validatedBy = EndNotBeforeStart.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
@interface EndNotBeforeStart {

    String message() default "must not be before startTime ({start}), was {end}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<EndNotBeforeStart, TracePayload.Observation> {

        @Override
        public boolean isValid(TracePayload.Observation observation, ConstraintValidatorContext context) {
            Instant start = Rfc3339.Validator.parse(observation.startTime()).orElse(null);
            Instant end = Rfc3339.Validator.parse(observation.endTime()).orElse(null);
            if (start == null || end == null || !end.isBefore(start)) {
                return true;
            }
            HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
            hibernate.disableDefaultConstraintViolation();
            hibernate.addMessageParameter("start", start).addMessageParameter("end", end)
                    .buildConstraintViolationWithTemplate(hibernate.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("endTime").addConstraintViolation();
            return false;
        }
    }
}
