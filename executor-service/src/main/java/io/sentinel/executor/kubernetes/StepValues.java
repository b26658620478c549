package io.sentinel.executor.kubernetes;

import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.Template;
import java.util.regex.Pattern;

/**
 * Renders the few values a kubernetes step takes (a replica count, a pod name) and checks each is what
 * it must be before it reaches the API server: all or nothing, as for every template.
 */
final class StepValues {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern OBJECT_NAME = Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private StepValues() {
    }

    /** A replica count ({@code 5}), or an increase over the current count ({@code +1}). */
    record Replicas(int count, boolean increase) {

        int from(int current) {
            return increase ? current + count : count;
        }
    }

    static Replicas replicas(String source, TemplateVariables variables, String what) {
        String value = render(source, variables, what);
        boolean increase = value.startsWith("+");
        String digits = increase ? value.substring(1) : value;
        if (!WHOLE_NUMBER.matcher(digits).matches()) {
            // The value is not quoted: it may come from a label a signal's sender wrote.
            throw ActionFailure.refused(what + " is not a whole number (5) or an increase (+1)");
        }
        return new Replicas(Integer.parseInt(digits), increase);
    }

    static String objectName(String source, TemplateVariables variables, String what) {
        String value = render(source, variables, what);
        if (!OBJECT_NAME.matcher(value).matches()) {
            throw ActionFailure.refused(what + " is not a Kubernetes object name (lowercase letters, digits, '-' and '.')");
        }
        return value;
    }

    private static String render(String source, TemplateVariables variables, String what) {
        Template template;
        try {
            template = Template.parse(source);
        } catch (IllegalArgumentException e) {
            throw ActionFailure.refused(what + " is not a valid template: " + e.getMessage());
        }
        StringBuilder value = new StringBuilder();
        for (Template.Part part : template.parts()) {
            switch (part) {
                case Template.Literal literal -> value.append(literal.text());
                case Template.Variable variable -> value.append(switch (variables.lookup(variable.name())) {
                    case TemplateVariables.Lookup.Found found -> found.value();
                    case TemplateVariables.Lookup.Missing missing -> throw ActionFailure.refused(what + ": {{" + variable.name()
                            + "}} has no value: " + missing.why());
                });
            }
        }
        return value.toString();
    }
}
