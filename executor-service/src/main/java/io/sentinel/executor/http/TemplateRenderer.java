package io.sentinel.executor.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{variable}}} placeholders. All or nothing: a template with any variable that has no
 * value is refused as a whole, so a half-rendered URL or body is never sent.
 */
public final class TemplateRenderer {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_.-]+)\\s*}}");

    private TemplateRenderer() {
    }

    public static Rendering render(String template, TemplateVariables variables) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            switch (variables.lookup(variable)) {
                case TemplateVariables.Lookup.Found found -> matcher.appendReplacement(rendered, Matcher.quoteReplacement(found.value()));
                case TemplateVariables.Lookup.Missing missing -> {
                    return new Rendering.Refused("{{" + variable + "}} has no value: " + missing.why());
                }
            }
        }
        matcher.appendTail(rendered);
        return new Rendering.Rendered(rendered.toString());
    }

    /** The outcome of rendering one template. */
    public sealed interface Rendering {

        record Rendered(String text) implements Rendering {
        }

        record Refused(String reason) implements Rendering {
        }
    }
}
