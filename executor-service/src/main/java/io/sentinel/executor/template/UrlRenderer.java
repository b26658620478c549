package io.sentinel.executor.template;

import io.sentinel.playbooks.Template;
import io.sentinel.playbooks.TemplateNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Renders a step's url. {@code {{target.url}}} (the inventory's base URL) goes in as it is, and only
 * as the very first thing; every other value is percent-encoded for where it stands: a path segment,
 * or a query or fragment component. So no value can change the host, end a path segment, start a
 * query or climb the path.
 */
final class UrlRenderer {

    private UrlRenderer() {
    }

    static URI render(String source, TemplateVariables variables) {
        List<Template.Part> parts = Values.parse(source, "url").parts();
        StringBuilder url = new StringBuilder();
        Position position = Position.PATH;
        for (int i = 0; i < parts.size(); i++) {
            switch (parts.get(i)) {
                case Template.Literal literal -> {
                    url.append(literal.text());
                    position = position.after(literal.text());
                }
                case Template.Variable variable when variable.name().equals(TemplateNames.TARGET_URL) -> {
                    if (i != 0) {
                        throw new TemplateRefusal("{{target.url}} may only be the very first thing of the url");
                    }
                    url.append(withoutTrailingSlashes(Values.of(variable, variables)));
                }
                case Template.Variable variable -> {
                    if (i == 0) {
                        throw new TemplateRefusal("the url starts with {{" + variable.name() + "}}; only {{target.url}} may name the "
                                + "scheme and host");
                    }
                    String value = Values.of(variable, variables);
                    url.append(position == Position.PATH ? PercentEncoding.pathSegment(value) : PercentEncoding.formComponent(value));
                }
            }
        }
        URI uri = parse(url.toString());
        refuseDotSegments(uri);
        return uri;
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            // The reason only: the input may hold a secret.
            throw new TemplateRefusal("the rendered url is not a valid URL: " + e.getReason());
        }
    }

    /** A '.' or '..' segment would make the server resolve another path than the one the playbook wrote. */
    private static void refuseDotSegments(URI uri) {
        String path = uri.getRawPath();
        if (path == null) {
            return;
        }
        for (String segment : path.split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new TemplateRefusal("the rendered url's path has a '" + decoded + "' segment, which would lead away from the "
                        + "path the playbook wrote");
            }
        }
    }

    private static String withoutTrailingSlashes(String baseUrl) {
        int end = baseUrl.length();
        while (end > 0 && baseUrl.charAt(end - 1) == '/') {
            end--;
        }
        return baseUrl.substring(0, end);
    }

    /** Where in the url the text written so far ends. */
    private enum Position {
        PATH, QUERY, FRAGMENT;

        Position after(String literal) {
            Position position = this;
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (c == '#') {
                    position = FRAGMENT;
                } else if (c == '?' && position == PATH) {
                    position = QUERY;
                }
            }
            return position;
        }
    }
}
