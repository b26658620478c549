package io.sentinel.detector.noise;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Map;

/**
 * A label whose value must match a regular expression in full; an absent label has the value "".
 * <p>
 * The expressions are RE2's ({@link Pattern com.google.re2j}): matching takes time linear in the
 * label value whatever the pattern, so a silence such as {@code (a+)+$} cannot make every finding
 * cost seconds the way a backtracking engine would. RE2 has no look-around or back-references; a
 * pattern using them is refused when the configuration or setting is applied, as is one too large
 * to match cheaply.
 */
public record LabelMatcher(String label, Pattern value) {

    /** Longer patterns are refused: no silence needs one, and the work per value grows with the pattern. */
    static final int MAX_PATTERN_LENGTH = 1024;
    /** Compiled size (RE2 instructions): {@code x{1000}} and nested counted repeats blow up without being long. */
    static final int MAX_PROGRAM_SIZE = 2000;

    public boolean matches(Map<String, String> labels) {
        return value.matcher(labels.getOrDefault(label, "")).matches();
    }

    public static boolean allMatch(List<LabelMatcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /** From configuration or a runtime setting: label → regular expression; errors name {@code property}. */
    public static List<LabelMatcher> of(Map<String, String> matchers, String property) {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException(property + " needs at least one label matcher");
        }
        return matchers.entrySet().stream().map(entry -> new LabelMatcher(entry.getKey(), compile(entry.getValue(),
                property + "." + entry.getKey()))).toList();
    }

    private static Pattern compile(String regex, String property) {
        if (regex == null) {
            throw new IllegalArgumentException(property + " needs a regular expression");
        }
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException(property + " is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(property + " is not a valid regular expression (RE2 syntax: no look-around, no "
                    + "back-references): " + e.getDescription());
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException(property + " is too large to match cheaply (" + pattern.programSize() + " RE2 instructions, "
                    + "at most " + MAX_PROGRAM_SIZE + "): simplify its counted repetitions");
        }
        return pattern;
    }
}
