package io.sentinel.events.settings.detector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * While an incident matching {@code source} is open, a new one matching {@code target} with the same
 * values of the {@code equal} labels is a symptom, not a new problem (a node that is down inhibits
 * its containers' alerts). An element of {@code sentinel.detector.noise.inhibitions} and of the
 * runtime setting {@code detector.inhibitions}.
 */
public record InhibitionSetting(String name, Map<String, String> source, Map<String, String> target, List<String> equal) {

    public InhibitionSetting {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        LabelPatterns.compile(source, "source");
        LabelPatterns.compile(target, "target");
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        target = Collections.unmodifiableMap(new LinkedHashMap<>(target));
        if (equal != null && equal.stream().anyMatch(label -> label == null || label.isBlank())) {
            throw new IllegalArgumentException("equal must list label names, was " + equal);
        }
        equal = equal == null ? List.of() : List.copyOf(equal);
    }
}
