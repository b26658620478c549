package io.sentinel.playbooks;

import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a step's templates may say. Whoever can put text into a variable must not be able to change
 * where a request goes: only {@code {{target.url}}} (from the inventory) may name the scheme and host,
 * and only at the very start of the url; labels (written by signal senders) are usable only when the
 * playbook declares and bounds them; a body with variables needs a content type the executor can
 * encode values for.
 */
final class TemplateRules {

    private static final Pattern LITERAL_ORIGIN = Pattern.compile("(?i)(https?)://([^/?#]*)(.*)", Pattern.DOTALL);
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> EXECUTOR_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade",
            "te", "trailer", "expect");

    private TemplateRules() {
    }

    static Optional<String> labelProblem(String name, LabelSpec spec) {
        if (spec == null || spec.pattern() == null || spec.pattern().isBlank()) {
            return Optional.of("label '" + name + "' needs a pattern that bounds its values: labels are written by a signal's sender");
        }
        try {
            com.google.re2j.Pattern.compile(spec.pattern());
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("label '" + name + "' has an invalid pattern: " + e.getMessage());
        }
    }

    /** What is wrong with the step's templates, if anything; the message names the step. */
    static Optional<String> problemWith(Playbook playbook, PlaybookStep step, boolean snapshotStep) {
        String prefix = "step '" + step.name() + "' ";
        HttpRequestSpec http = step.http();
        try {
            Optional<String> url = urlProblem(Template.parse(http.url()));
            if (url.isPresent()) {
                return Optional.of(prefix + "url '" + http.url() + "': " + url.get());
            }
            for (Map.Entry<String, String> header : http.headers().entrySet()) {
                if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                    return Optional.of(prefix + "has a header name that is not an HTTP token: '" + header.getKey() + "'");
                }
                if (EXECUTOR_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    return Optional.of(prefix + "sets the header " + header.getKey() + ", which the executor sets itself (the host comes "
                            + "from the url, the framing from the body)");
                }
            }
            for (String template : http.templates()) {
                for (String variable : Template.parse(template).variables()) {
                    Optional<String> problem = variableProblem(playbook, variable, snapshotStep);
                    if (problem.isPresent()) {
                        return Optional.of(prefix + "uses " + problem.get());
                    }
                }
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.of(prefix + "has a malformed template: " + malformed.getMessage());
        }
        if (BodyFormat.of(http) == BodyFormat.UNSUPPORTED) {
            return Optional.of(prefix + "has variables in its body but no Content-Type the executor can encode them for: set the "
                    + "header Content-Type to application/json or application/x-www-form-urlencoded (or make the body exactly "
                    + "{{snapshot.body}})");
        }
        return Optional.empty();
    }

    private static Optional<String> urlProblem(Template url) {
        List<Template.Part> parts = url.parts();
        if (parts.isEmpty()) {
            return Optional.of("the url is empty");
        }
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i) instanceof Template.Variable variable && variable.name().equals(TemplateNames.TARGET_URL)) {
                return Optional.of("{{target.url}} may only be the very first thing of the url");
            }
        }
        if (parts.getFirst() instanceof Template.Variable first) {
            if (!first.name().equals(TemplateNames.TARGET_URL)) {
                return Optional.of("the url starts with {{" + first.name() + "}}, but only {{target.url}} (from the inventory) may name "
                        + "the scheme and host; write {{target.url}}/path");
            }
            if (parts.size() > 1 && !(parts.get(1) instanceof Template.Literal next && startsPathQueryOrFragment(next.text()))) {
                return Optional.of("{{target.url}} must be followed by '/', '?', '#' or nothing: anything else could change its host "
                        + "or port");
            }
            return Optional.empty();
        }
        String literal = ((Template.Literal) parts.getFirst()).text();
        Matcher origin = LITERAL_ORIGIN.matcher(literal);
        if (!origin.matches()) {
            return Optional.of("a url starts with {{target.url}} or with http:// or https:// and a host");
        }
        if (parts.size() > 1 && origin.group(3).isEmpty()) {
            return Optional.of("no variable may appear before the path starts ('/'): it could choose the host or port; only "
                    + "{{target.url}} (from the inventory) may name them, so write {{target.url}}/path");
        }
        String authority = origin.group(2);
        if (authority.isEmpty()) {
            return Optional.of("the url names no host");
        }
        if (authority.contains("@")) {
            return Optional.of("the url must not carry credentials; put {{secrets.<name>}} in a header");
        }
        return Optional.empty();
    }

    private static boolean startsPathQueryOrFragment(String text) {
        char first = text.charAt(0);
        return first == '/' || first == '?' || first == '#';
    }

    private static Optional<String> variableProblem(Playbook playbook, String variable, boolean snapshotStep) {
        if (variable.startsWith(TemplateNames.PARAMS)) {
            return playbook.parameters().containsKey(variable.substring(TemplateNames.PARAMS.length())) ? Optional.empty()
                    : Optional.of("{{" + variable + "}} but the playbook declares no such parameter");
        }
        if (variable.startsWith(TemplateNames.LABELS)) {
            String label = variable.substring(TemplateNames.LABELS.length());
            return playbook.labels().containsKey(label) ? Optional.empty()
                    : Optional.of("{{" + variable + "}} but the playbook declares no label '" + label + "' under labels: labels are "
                    + "written by a signal's sender, so each one used needs a pattern that bounds it");
        }
        if (variable.startsWith(TemplateNames.SECRETS)) {
            String secret = variable.substring(TemplateNames.SECRETS.length());
            return TemplateNames.SECRET_NAME.matcher(secret).matches() ? Optional.empty()
                    : Optional.of("{{" + variable + "}}: a secret's name is lowercase letters, digits and '-'");
        }
        if (snapshotStep && variable.equals(BodyFormat.SNAPSHOT_BODY)) {
            return Optional.of("{{snapshot.body}} in the snapshot itself, before any snapshot exists");
        }
        return TemplateNames.FIXED.contains(variable) ? Optional.empty()
                : Optional.of("unknown variable {{" + variable + "}}; the variables are " + TemplateNames.DESCRIBED);
    }
}
