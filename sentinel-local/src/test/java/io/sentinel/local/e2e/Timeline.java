package io.sentinel.local.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** An incident's timeline as the gateway's API shows it. */
final class Timeline {

    private Timeline() {
    }

    static List<String> types(JsonNode incident) {
        List<String> types = new ArrayList<>();
        incident.path("timeline").forEach(entry -> types.add(entry.path("type").asString()));
        return types;
    }

    static Set<String> sources(JsonNode incident) {
        return StreamSupport.stream(incident.path("timeline").spliterator(), false)
                .map(entry -> entry.path("source").asString()).collect(Collectors.toSet());
    }

    static Set<String> traceIds(JsonNode incident) {
        return StreamSupport.stream(incident.path("timeline").spliterator(), false)
                .map(entry -> entry.path("traceId").asString()).collect(Collectors.toSet());
    }

    static JsonNode entry(JsonNode incident, String type) {
        return StreamSupport.stream(incident.path("timeline").spliterator(), false)
                .filter(entry -> type.equals(entry.path("type").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in " + types(incident)));
    }
}
