package io.sentinel.playbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playbook template split into literal text and {@code {{variable}}} placeholders. The catalog
 * validates templates with it and the executor renders them with it, so both read the same syntax.
 */
public record Template(String source, List<Part> parts) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_.-]+)\\s*}}");

    public Template {
        parts = List.copyOf(parts);
    }

    /**
     * @throws IllegalArgumentException if a {@code {{} is left that is not a placeholder, e.g. an
     *                                  unclosed one or one with characters a variable name cannot hold
     */
    public static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(source);
        int end = 0;
        while (matcher.find()) {
            addLiteral(parts, source.substring(end, matcher.start()));
            parts.add(new Variable(matcher.group(1)));
            end = matcher.end();
        }
        addLiteral(parts, source.substring(end));
        return new Template(source, parts);
    }

    public List<String> variables() {
        return parts.stream().filter(Variable.class::isInstance).map(part -> ((Variable) part).name()).toList();
    }

    public boolean hasVariables() {
        return parts.stream().anyMatch(Variable.class::isInstance);
    }

    /** Whether the template is exactly one placeholder of that variable, nothing else. */
    public boolean isOnly(String variable) {
        return parts.size() == 1 && parts.getFirst() instanceof Variable only && only.name().equals(variable);
    }

    private static void addLiteral(List<Part> parts, String text) {
        if (text.isEmpty()) {
            return;
        }
        int open = text.indexOf("{{");
        if (open >= 0) {
            String excerpt = text.substring(open, Math.min(text.length(), open + 24));
            throw new IllegalArgumentException("'" + excerpt + "' is not a placeholder; write {{root.name}} with letters, digits, "
                    + "'.', '-' and '_' only");
        }
        parts.add(new Literal(text));
    }

    /** Literal text or a placeholder. */
    public sealed interface Part {
    }

    public record Literal(String text) implements Part {
    }

    public record Variable(String name) implements Part {
    }
}
