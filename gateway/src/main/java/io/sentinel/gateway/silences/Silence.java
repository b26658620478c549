package io.sentinel.gateway.silences;

import io.sentinel.events.settings.detector.SilenceSetting;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A silence as the API shows it. Silences the API makes are {@link SilenceSetting}s (the contract of
 * {@code detector.silences}, checked as the detector checks them); this view also shows what an
 * element of the setting written by hand holds, as far as it can be read.
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

    public static Silence of(SilenceSetting setting) {
        return new Silence(setting.id(), setting.matchers(), setting.startsAt(), setting.endsAt(), setting.createdBy(), setting.comment());
    }

    public boolean active(Instant now) {
        return (startsAt == null || !now.isBefore(startsAt)) && endsAt != null && now.isBefore(endsAt);
    }

    Silence endingAt(Instant at) {
        return new Silence(id, matchers, startsAt, at, createdBy, comment);
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
