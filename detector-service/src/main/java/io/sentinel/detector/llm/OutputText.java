package io.sentinel.detector.llm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generation's or tool call's output, which arrives as text: read as JSON when it is JSON (models
 * like to wrap JSON in a Markdown code fence; the fence is not part of the answer).
 */
final class OutputText {

    /** Longer outputs are not parsed: it bounds the work per observation (the collector truncates long outputs anyway). */
    static final int MAX_PARSED_CHARS = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern FENCE = Pattern.compile("^```[a-zA-Z]*\\s*\\n(.*?)\\n?```$", Pattern.DOTALL);

    private OutputText() {
    }

    /** The output as JSON, or empty when it is not JSON (or too long to parse). */
    static Optional<JsonNode> json(String output) {
        if (output == null) {
            return Optional.empty();
        }
        String text = unfenced(output);
        if (text.isEmpty() || text.length() > MAX_PARSED_CHARS || "{[\"tfn-0123456789".indexOf(text.charAt(0)) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(text));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Trimmed, without a surrounding Markdown code fence. */
    static String unfenced(String output) {
        String text = output.strip();
        Matcher fence = FENCE.matcher(text);
        return fence.matches() ? fence.group(1).strip() : text;
    }

    /** The JSON type as the schema snapshot names it: object, array, string, number, boolean or null. */
    static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }
}
