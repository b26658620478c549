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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import tools.jackson.databind.JsonNode;

/**
 * Labels or attributes: an object of at most {@link #maxEntries()} named values, each a string,
 * number or boolean (kept as its text; null values are left out). Anything deeper is refused naming
 * the entry, e.g. {@code field 'attributes.user' must be a string, number or boolean, was an object}.
 */
@Documented
@Constraint(validatedBy = Labels.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface Labels {

    int maxEntries();

    String message() default "must be an object of strings, numbers or booleans";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Labels, Map<String, JsonNode>> {

        private int maxEntries;

        /** The labels as text, in the order sent; for values already validated. */
        public static Map<String, String> text(Map<String, JsonNode> labels, UnaryOperator<String> limit) {
            Map<String, String> text = new LinkedHashMap<>();
            if (labels != null) {
                labels.forEach((name, value) -> {
                    if (value != null && !value.isNull()) {
                        text.put(name, limit.apply(value.asString()));
                    }
                });
            }
            return text;
        }

        @Override
        public void initialize(Labels constraint) {
            maxEntries = constraint.maxEntries();
        }

        @Override
        public boolean isValid(Map<String, JsonNode> labels, ConstraintValidatorContext context) {
            if (labels == null) {
                return true;
            }
            HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
            hibernate.disableDefaultConstraintViolation();
            if (labels.size() > maxEntries) {
                hibernate.addMessageParameter("entries", labels.size()).addMessageParameter("max", maxEntries)
                        .buildConstraintViolationWithTemplate("has {entries} entries; at most {max} are accepted").addConstraintViolation();
                return false;
            }
            for (Map.Entry<String, JsonNode> entry : labels.entrySet()) {
                JsonNode value = entry.getValue();
                if (entry.getKey().isBlank()) {
                    hibernate.buildConstraintViolationWithTemplate("has an entry with a blank name").addConstraintViolation();
                    return false;
                }
                if (value != null && !(value.isString() || value.isNumber() || value.isBoolean() || value.isNull())) {
                    hibernate.addMessageParameter("value", ShowsValue.describe(value))
                            .buildConstraintViolationWithTemplate("must be a string, number or boolean, was {value}")
                            .addPropertyNode(entry.getKey()).addConstraintViolation();
                    return false;
                }
            }
            return true;
        }
    }
}
