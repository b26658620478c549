package io.sentinel.events.settings.detector;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label matchers of silences and inhibitions: label → regular expression the label's value must match
 * in full. The expressions are RE2's: matching takes time linear in the label value whatever the
 * pattern, so a matcher such as {@code (a+)+$} cannot make every finding cost seconds the way a
 * backtracking engine would. RE2 has no look-around or back-references; a pattern using them is
 * refused, as is one too long or too large to match cheaply. The gateway checks with this before
 * publishing, the detector compiles with it before matching: one engine, one set of limits.
 */
public final class LabelPatterns {

    /** Longer patterns are refused: no silence needs one, and the work per value grows with the pattern. */
    public static final int MAX_PATTERN_LENGTH = 1024;
    /** Compiled size (RE2 instructions): {@code x{1000}} and nested counted repeats blow up without being long. */
    public static final int MAX_PROGRAM_SIZE = 2000;

    private LabelPatterns() {
    }

    /**
     * @param field the matchers' field, which errors name ({@code matchers}, {@code source}, ...)
     * @return the compiled patterns, in the order given
     */
    public static Map<String, Pattern> compile(Map<String, String> matchers, String field) {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException(field + " needs at least one label matcher, e.g. {\"service\": \"shop\"}");
        }
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        matchers.forEach((label, regex) -> {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException(field + " has a blank label name");
            }
            compiled.put(label, compile(regex, field + "." + label));
        });
        return Collections.unmodifiableMap(compiled);
    }

    /** @param field the matcher's field, which errors name ({@code matchers.service}) */
    public static Pattern compile(String regex, String field) {
        if (regex == null) {
            throw new IllegalArgumentException(field + " needs a regular expression");
        }
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + " is not a valid regular expression (RE2 syntax: no look-around, no "
                    + "back-references): " + e.getDescription());
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException(field + " is too large to match cheaply (" + pattern.programSize() + " RE2 instructions, "
                    + "at most " + MAX_PROGRAM_SIZE + "): simplify its counted repetitions");
        }
        return pattern;
    }
}
