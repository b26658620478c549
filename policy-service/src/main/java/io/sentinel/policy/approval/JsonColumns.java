package io.sentinel.policy.approval;

import io.sentinel.events.target.TargetRef;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The jsonb columns of an approval request: labels and parameters (objects of strings), and the target. */
final class JsonColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String write(Map<String, String> values) {
        return JSON.writeValueAsString(values);
    }

    static Map<String, String> read(String json) {
        return json == null ? Map.of() : JSON.readValue(json, STRING_MAP);
    }

    static String writeTarget(TargetRef target) {
        return target == null ? null : JSON.writeValueAsString(target);
    }

    static TargetRef readTarget(String json) {
        return json == null ? null : JSON.readValue(json, TargetRef.class);
    }
}
