package io.sentinel.collector.ingest.alertmanager;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** An alert's labels name what it is about: an incident needs a resource. */
@Documented
@Constraint(validatedBy = NamesAResource.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@interface NamesAResource {

    String message() default "must include one of service, pod, instance or alertname to name the alert's resource";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NamesAResource, Map<String, JsonNode>> {

        /** The most specific label present of {@link AlertmanagerWebhook#RESOURCE_LABELS}, else the alert's name. */
        static Optional<String> resource(Map<String, String> labels) {
            for (String label : AlertmanagerWebhook.RESOURCE_LABELS) {
                String value = labels.get(label);
                if (value != null && !value.isBlank()) {
                    return Optional.of(value);
                }
            }
            return Optional.ofNullable(labels.get("alertname")).filter(name -> !name.isBlank());
        }

        @Override
        public boolean isValid(Map<String, JsonNode> labels, ConstraintValidatorContext context) {
            if (labels == null) {
                return false;
            }
            for (Map.Entry<String, JsonNode> label : labels.entrySet()) {
                JsonNode value = label.getValue();
                boolean names = AlertmanagerWebhook.RESOURCE_LABELS.contains(label.getKey()) || label.getKey().equals("alertname");
                // A value of the wrong type names nothing either, but @Labels says that more precisely.
                if (names && value != null && !value.isNull() && !(value.isString() && value.stringValue().isBlank())) {
                    return true;
                }
            }
            return false;
        }
    }
}
