package io.sentinel.detector.noise;

import io.sentinel.events.settings.detector.SilenceSetting;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * "Do not open incidents for these while we work on it": what matches opens no incident between
 * {@code startsAt} and {@code endsAt}. The condition is still tracked, so an incident opens if it
 * still holds when the silence ends. Compiled from a {@link SilenceSetting}.
 */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    public Silence {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a silence needs an id");
        }
        matchers = List.copyOf(matchers);
        if (endsAt == null) {
            throw new IllegalArgumentException("silence '" + id + "' needs ends-at: silences must end");
        }
        if (startsAt != null && !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("silence '" + id + "' ends before it starts");
        }
    }

    public static Silence of(SilenceSetting setting) {
        return new Silence(setting.id(), LabelMatcher.of(setting.matchers(), "matchers"), setting.startsAt(), setting.endsAt(),
                setting.createdBy(), setting.comment());
    }

    public boolean covers(Map<String, String> labels, Instant at) {
        boolean active = (startsAt == null || !at.isBefore(startsAt)) && at.isBefore(endsAt);
        return active && LabelMatcher.allMatch(matchers, labels);
    }
}
