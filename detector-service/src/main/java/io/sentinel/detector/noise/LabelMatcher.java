package io.sentinel.detector.noise;

import com.google.re2j.Pattern;
import io.sentinel.events.settings.detector.LabelPatterns;
import java.util.List;
import java.util.Map;

/**
 * A label whose value must match a regular expression in full; an absent label has the value "".
 * The expressions are RE2's, compiled by {@link LabelPatterns} with the limits the gateway checks
 * them against before publishing: matching takes time linear in the label value whatever the pattern.
 */
public record LabelMatcher(String label, Pattern value) {

    public boolean matches(Map<String, String> labels) {
        return value.matcher(labels.getOrDefault(label, "")).matches();
    }

    public static boolean allMatch(List<LabelMatcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /** Label → regular expression; errors name {@code field} ({@code matchers.service is not a valid regular expression ...}). */
    public static List<LabelMatcher> of(Map<String, String> matchers, String field) {
        return LabelPatterns.compile(matchers, field).entrySet().stream()
                .map(entry -> new LabelMatcher(entry.getKey(), entry.getValue())).toList();
    }
}
