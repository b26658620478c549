package io.sentinel.executor.template;

import io.sentinel.playbooks.BodyFormat;
import io.sentinel.playbooks.HttpRequestSpec;
import io.sentinel.playbooks.Template;

/**
 * Renders a step's body, encoding each value for the body's format: JSON-escaped inside a JSON string,
 * only a JSON number, true, false or null outside one, form-encoded in a form. Exactly
 * {@code {{snapshot.body}}} (a rollback restoring what the snapshot read) goes in as it was read.
 */
final class BodyRenderer {

    private BodyRenderer() {
    }

    static String render(HttpRequestSpec request, TemplateVariables variables) {
        BodyFormat format = BodyFormat.of(request);
        return switch (format) {
            case NONE -> null;
            case LITERAL -> request.body();
            case SNAPSHOT -> Values.of(new Template.Variable(BodyFormat.SNAPSHOT_BODY), variables);
            case JSON -> json(Values.parse(request.body(), "body"), variables);
            case FORM -> form(Values.parse(request.body(), "body"), variables);
            case UNSUPPORTED -> throw new TemplateRefusal("the body has variables but no Content-Type they can be encoded for");
        };
    }

    private static String form(Template body, TemplateVariables variables) {
        StringBuilder rendered = new StringBuilder();
        for (Template.Part part : body.parts()) {
            switch (part) {
                case Template.Literal literal -> rendered.append(literal.text());
                case Template.Variable variable -> rendered.append(PercentEncoding.formComponent(Values.of(variable, variables)));
            }
        }
        return rendered.toString();
    }

    /** Follows the literal text to know whether each variable stands inside a JSON string or not. */
    private static String json(Template body, TemplateVariables variables) {
        StringBuilder rendered = new StringBuilder();
        boolean inString = false;
        boolean escaping = false;
        for (Template.Part part : body.parts()) {
            switch (part) {
                case Template.Literal literal -> {
                    for (char c : literal.text().toCharArray()) {
                        rendered.append(c);
                        if (escaping) {
                            escaping = false;
                        } else if (inString && c == '\\') {
                            escaping = true;
                        } else if (c == '"') {
                            inString = !inString;
                        }
                    }
                }
                case Template.Variable variable -> {
                    if (escaping) {
                        throw new TemplateRefusal("{{" + variable.name() + "}} follows a backslash in a JSON string of the body");
                    }
                    String value = Values.of(variable, variables);
                    if (inString) {
                        rendered.append(JsonEncoding.inString(value));
                    } else if (JsonEncoding.isScalar(value)) {
                        rendered.append(value);
                    } else {
                        throw new TemplateRefusal("{{" + variable.name() + "}} stands outside a JSON string in the body, so its value "
                                + "must be a JSON number, true, false or null, and it is not");
                    }
                }
            }
        }
        return rendered.toString();
    }
}
