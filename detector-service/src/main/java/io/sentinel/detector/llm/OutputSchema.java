package io.sentinel.detector.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The shape a generation's JSON outputs had while it was learned: the top-level keys present in every
 * learned output, each with the JSON types it had (a key that was sometimes null may be null). Keys
 * that appear only in some outputs are optional and not checked; keys never seen are allowed, since an
 * addition breaks no consumer. Learned only from outputs that are JSON objects. Pure and immutable.
 *
 * @param learned how many outputs it was learned from
 * @param keys    required key → the JSON types it may have ({@link OutputText#typeOf})
 */
public record OutputSchema(int learned, Map<String, Set<String>> keys) {

    public static final OutputSchema NONE = new OutputSchema(0, Map.of());
    /** Keys learned from the first output at most: an output with thousands of keys is data, not a schema; the state stays small. */
    public static final int MAX_KEYS = 256;

    public OutputSchema {
        Map<String, Set<String>> copy = new TreeMap<>();
        keys.forEach((key, types) -> copy.put(key, Set.copyOf(types)));
        keys = Map.copyOf(copy);
    }

    /** This schema having also seen {@code output}; an output that is not a JSON object teaches nothing. */
    public OutputSchema learn(JsonNode output) {
        if (!output.isObject()) {
            return this;
        }
        Map<String, Set<String>> next = new TreeMap<>();
        for (Map.Entry<String, JsonNode> property : output.properties()) {
            String key = property.getKey();
            if (learned == 0 ? next.size() < MAX_KEYS : keys.containsKey(key)) {
                Set<String> types = new TreeSet<>(keys.getOrDefault(key, Set.of()));
                types.add(OutputText.typeOf(property.getValue()));
                next.put(key, types);
            }
        }
        return new OutputSchema(learned + 1, next);
    }

    /** Why the output does not match the schema, or empty when it does. */
    public Optional<String> violation(String output) {
        Optional<JsonNode> json = OutputText.json(output);
        if (json.isEmpty()) {
            return Optional.of("not JSON");
        }
        if (!json.get().isObject()) {
            return Optional.of("not a JSON object but " + OutputText.typeOf(json.get()));
        }
        List<String> problems = new ArrayList<>();
        keys.forEach((key, types) -> {
            JsonNode value = json.get().get(key);
            if (value == null) {
                problems.add("missing '" + key + "'");
            } else if (!types.contains(OutputText.typeOf(value))) {
                problems.add("'" + key + "' is " + OutputText.typeOf(value) + ", was " + String.join("/", new TreeSet<>(types)));
            }
        });
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
    }
}
