package io.sentinel.executor.template;

import io.sentinel.playbooks.Template;

/** Reads the variables of a template being rendered; all or nothing, so a half-rendered request is never sent. */
final class Values {

    private Values() {
    }

    static Template parse(String source, String part) {
        try {
            return Template.parse(source);
        } catch (IllegalArgumentException e) {
            throw new TemplateRefusal("the " + part + " is not a valid template: " + e.getMessage());
        }
    }

    static String of(Template.Variable variable, TemplateVariables variables) {
        return switch (variables.lookup(variable.name())) {
            case TemplateVariables.Lookup.Found found -> found.value();
            case TemplateVariables.Lookup.Missing missing -> throw new TemplateRefusal("{{" + variable.name() + "}} has no value: "
                    + missing.why());
        };
    }
}
