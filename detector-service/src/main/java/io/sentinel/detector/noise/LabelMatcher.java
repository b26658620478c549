package io.sentinel.detector.noise;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A label whose value must match a regular expression in full; an absent label has the value "". */
public record LabelMatcher(String label, Pattern value) {

    public boolean matches(Map<String, String> labels) {
        return value.matcher(labels.getOrDefault(label, "")).matches();
    }

    public static boolean allMatch(List<LabelMatcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /** From configuration: label → regular expression. */
    public static List<LabelMatcher> of(Map<String, String> matchers, String property) {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException(property + " needs at least one label matcher");
        }
        return matchers.entrySet().stream().map(entry -> {
            try {
                return new LabelMatcher(entry.getKey(), Pattern.compile(entry.getValue()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(property + "." + entry.getKey() + " is not a valid regular expression: " + e.getDescription());
            }
        }).toList();
    }
}
