package io.sentinel.detector.absence.db;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Labels as JSON text, for batch statements: a batch binds records by their methods, which {@code @Json} does not reach. */
final class JsonText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonText() {
    }

    static String of(Map<String, String> labels) {
        return JSON.writeValueAsString(labels);
    }
}
