package io.sentinel.gateway.silences;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Open no incident for this while we work on it": while active, a firing condition whose labels
 * match every matcher opens no incident in the detector. The same fields as a silence in
 * {@code detector.yaml} ({@code sentinel.detector.noise.silences}) and in the setting
 * {@code detector.silences}.
 *
 * @param matchers label → regular expression its value must match in full; a label an incident
 *                 lacks has the value "" (besides its own labels, an incident has rule, resource and severity)
 * @param startsAt null when active from the moment it was added
 * @param endsAt   null only in a hand-written entry the detector would refuse: silences must end
 */
public record Silence(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    public Silence {
        matchers = matchers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(matchers));
    }

    public boolean active(Instant now) {
        return (startsAt == null || !now.isBefore(startsAt)) && endsAt != null && now.isBefore(endsAt);
    }

    Silence endingAt(Instant at) {
        return new Silence(id, matchers, startsAt, at, createdBy, comment);
    }

    /** As an element of {@code detector.silences}: the detector's field names (kebab-case, as in detector.yaml) and nothing else. */
    public ObjectNode toSetting() {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        element.put("id", id);
        ObjectNode labels = element.putObject("matchers");
        matchers.forEach(labels::put);
        if (startsAt != null) {
            element.put("starts-at", startsAt.toString());
        }
        if (endsAt != null) {
            element.put("ends-at", endsAt.toString());
        }
        if (createdBy != null) {
            element.put("created-by", createdBy);
        }
        if (comment != null) {
            element.put("comment", comment);
        }
        return element;
    }

    /**
     * Reads an element of {@code detector.silences}, which anyone with an ADMIN key may also have
     * written by hand: anything with an id is shown (and can be expired), with whatever of its other
     * fields can be read. Empty for an element without an id.
     */
    static Optional<Silence> fromSetting(JsonNode element) {
        if (!element.isObject() || !element.path("id").isString() || element.path("id").stringValue().isBlank()) {
            return Optional.empty();
        }
        Map<String, String> matchers = new LinkedHashMap<>();
        element.path("matchers").properties().forEach(matcher -> {
            if (matcher.getValue().isString()) {
                matchers.put(matcher.getKey(), matcher.getValue().stringValue());
            }
        });
        return Optional.of(new Silence(element.path("id").stringValue(), matchers, instant(element.path("starts-at")),
                instant(element.path("ends-at")), text(element.path("created-by")), text(element.path("comment"))));
    }

    /** ISO-8601 in UTC or with an offset; null for anything else, which the detector would refuse too. */
    static Instant instant(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        try {
            return Instant.parse(value.stringValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.stringValue() : null;
    }
}
