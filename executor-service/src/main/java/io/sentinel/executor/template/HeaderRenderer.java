package io.sentinel.executor.template;

import io.sentinel.playbooks.Template;

/**
 * Renders a header value. Values go in as they are, but a header whose value would hold a line break,
 * any other control character or anything outside printable ASCII is refused: no value can end the
 * header and start another, or a second request.
 */
final class HeaderRenderer {

    private HeaderRenderer() {
    }

    static String render(String name, String source, TemplateVariables variables) {
        StringBuilder value = new StringBuilder();
        for (Template.Part part : Values.parse(source, "header " + name).parts()) {
            switch (part) {
                case Template.Literal literal -> value.append(literal.text());
                case Template.Variable variable -> value.append(Values.of(variable, variables));
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new TemplateRefusal("the value of header " + name + " would hold a control character (such as CR or LF)");
            }
            if (c > 0x7E) {
                throw new TemplateRefusal("the value of header " + name + " would hold a character outside printable ASCII");
            }
        }
        return value.toString();
    }
}
