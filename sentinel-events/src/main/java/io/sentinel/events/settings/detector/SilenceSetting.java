package io.sentinel.events.settings.detector;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "Do not open incidents for these while we work on it": a firing condition whose labels match every
 * matcher opens no incident between {@code starts-at} and {@code ends-at}. An element of
 * {@code sentinel.detector.noise.silences} and of the runtime setting {@code detector.silences}; the
 * gateway's silences API builds them with this record.
 *
 * @param matchers label → RE2 regular expression its value must match in full (see {@link LabelPatterns}); a
 *                 label an incident lacks has the value "" (besides its own labels, an incident has rule,
 *                 resource and severity)
 * @param startsAt null: active from the moment it applies
 * @param endsAt   required: silences must end
 */
public record SilenceSetting(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    public SilenceSetting {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        LabelPatterns.compile(matchers, "matchers");
        matchers = Collections.unmodifiableMap(new LinkedHashMap<>(matchers));
        if (endsAt == null) {
            throw new IllegalArgumentException("ends-at is required: silences must end (silence '" + id + "')");
        }
        if (startsAt != null && !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("ends-at must be after starts-at (silence '" + id + "')");
        }
    }
}
