package io.sentinel.detector.llm;

import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Tells a tool call that really succeeded from one that only said so. In order: an empty result; a
 * JSON result that reports failure in a field ({@code "success": false}, {@code "ok": false}, or a
 * non-empty {@code "error"}/{@code "errors"}/{@code "exception"}); a JSON result missing a key the
 * tool's schema requires; error text. In JSON only string values are searched for error text, never
 * keys, so {@code {"errors": []}} is a success. Pure; built once per configuration.
 */
public final class ToolOutputCheck {

    static final Set<String> EMPTY_OUTPUTS = Set.of("", "[]", "{}", "null", "\"\"");
    static final Set<String> FAILURE_FLAGS = Set.of("success", "ok");
    static final Set<String> ERROR_FIELDS = Set.of("error", "errors", "exception");
    /** Only the head of a long result is searched for error text, and only so many JSON string values. */
    static final int MAX_SCANNED_CHARS = 16 * 1024;
    static final int MAX_SCANNED_VALUES = 1000;
    static final int EXCERPT_CHARS = 160;

    private final Pattern errorText;
    private final Map<String, List<String>> schemas;

    public ToolOutputCheck(List<String> errorPatterns, Map<String, List<String>> toolSchemas) {
        this.errorText = errorPatterns.isEmpty() ? null : Pattern.compile(errorPatterns.stream().map(ToolOutputCheck::phrase)
                .reduce((a, b) -> a + "|" + b).orElseThrow());
        this.schemas = Map.copyOf(toolSchemas);
    }

    /** Why this tool call failed silently, or empty when it succeeded (or failed loudly, at level ERROR). */
    public Optional<SilentFailure> silentFailure(LlmObservation call) {
        if (call.type() != LlmObservationType.TOOL || call.failed()) {
            return Optional.empty();
        }
        String output = call.output();
        if (output == null || EMPTY_OUTPUTS.contains(OutputText.unfenced(output))) {
            return Optional.of(new SilentFailure.EmptyOutput(output));
        }
        Optional<JsonNode> json = OutputText.json(output);
        if (json.isPresent()) {
            Optional<SilentFailure> reported = failureField(json.get());
            if (reported.isPresent()) {
                return reported;
            }
        }
        List<String> required = schemas.get(call.name());
        if (required != null) {
            List<String> missing = required.stream()
                    .filter(key -> json.isEmpty() || !json.get().isObject() || json.get().get(key) == null || json.get().get(key).isNull())
                    .toList();
            if (!missing.isEmpty()) {
                return Optional.of(new SilentFailure.MissingKeys(missing));
            }
        }
        return json.isPresent() ? errorTextIn(json.get()) : errorTextIn(output);
    }

    private static Optional<SilentFailure> failureField(JsonNode json) {
        if (!json.isObject()) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            String key = field.getKey().toLowerCase(Locale.ROOT);
            JsonNode value = field.getValue();
            if (FAILURE_FLAGS.contains(key) && value.isBoolean() && !value.booleanValue()) {
                return Optional.of(new SilentFailure.FailureField(field.getKey(), "false"));
            }
            if (ERROR_FIELDS.contains(key) && reportsSomething(value)) {
                return Optional.of(new SilentFailure.FailureField(field.getKey(), excerpt(value.toString())));
            }
        }
        return Optional.empty();
    }

    /** {@code null}, {@code false}, {@code ""}, {@code []} and {@code {}} report nothing. */
    private static boolean reportsSomething(JsonNode value) {
        if (value.isNull() || value.isBoolean() && !value.booleanValue()) {
            return false;
        }
        if (value.isString()) {
            return !value.stringValue().isBlank();
        }
        return !value.isContainer() || !value.isEmpty();
    }

    private Optional<SilentFailure> errorTextIn(JsonNode json) {
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(json));
        int scanned = 0;
        while (!pending.isEmpty() && scanned < MAX_SCANNED_VALUES) {
            JsonNode node = pending.pop();
            if (node.isString()) {
                scanned++;
                Optional<SilentFailure> found = errorTextIn(node.stringValue());
                if (found.isPresent()) {
                    return found;
                }
            } else if (node.isContainer()) {
                node.values().forEach(pending::add);
            }
        }
        return Optional.empty();
    }

    private Optional<SilentFailure> errorTextIn(String text) {
        if (errorText == null) {
            return Optional.empty();
        }
        String head = text.length() > MAX_SCANNED_CHARS ? text.substring(0, MAX_SCANNED_CHARS) : text;
        Matcher matcher = errorText.matcher(head);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int from = Math.max(0, matcher.start() - 40);
        return Optional.of(new SilentFailure.ErrorText(matcher.group(), excerpt(head.substring(from))));
    }

    /**
     * A phrase as a whole word, case-insensitively, where camel case also separates words: "error" is
     * found in "Error:", "IOError" and "error_code" but not in "errors" or "terror".
     */
    private static String phrase(String phrase) {
        return "(?:(?<![A-Za-z])|(?=[A-Z]))(?i:" + Pattern.quote(phrase.strip()) + ")(?![a-z])";
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS - 1) + "…";
    }
}
