package io.sentinel.policy.approval;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Labels and playbook parameters as they are stored: a jsonb object of strings. */
final class StringMapJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private StringMapJson() {
    }

    static String write(Map<String, String> values) {
        return JSON.writeValueAsString(values);
    }

    static Map<String, String> read(String json) {
        return json == null ? Map.of() : JSON.readValue(json, STRING_MAP);
    }
}
