package io.sentinel.collector.ingest;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies as JSON trees, strictly: a field given twice or text after the value is an
 * error, not a guess about which the client meant.
 */
public final class PayloadJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PayloadJson() {
    }

    /** @param line the NDJSON line being read, for the error; null for a whole body */
    public static JsonNode read(byte[] bytes, int offset, int length, Integer line) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw InvalidPayload.whole(line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw InvalidPayload.whole(line, "no JSON value");
        }
        return node;
    }

    public static JsonNode read(byte[] bytes) {
        return read(bytes, 0, bytes.length, null);
    }

    /** Compact JSON text of any value: how a structured LLM output becomes text. */
    public static String text(JsonNode node) {
        return JSON.writeValueAsString(node);
    }
}
