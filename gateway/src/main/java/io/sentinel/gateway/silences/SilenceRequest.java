package io.sentinel.gateway.silences;

import com.google.re2j.Pattern;
import io.sentinel.events.settings.HumanDuration;
import io.sentinel.events.settings.detector.LabelPatterns;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /api/silences}: what to silence, for how long ({@code duration} such as
 * {@code "2h"}, or {@code endsAt}), from when ({@code startsAt}, default now) and why. Checked by the
 * API's own rules (a comment, a bounded duration, a matcher that needs a value) and by the contract of
 * {@code detector.silences} the detector reads it with ({@code SilenceSetting}, RE2 matchers). Pure.
 */
public record SilenceRequest(Map<String, String> matchers, String duration, Instant startsAt, Instant endsAt, String comment) {

    static final int MAX_COMMENT_LENGTH = 1000;

    /** The silence asked for, if it is one the detector will apply as meant; otherwise why not. */
    public NewSilence validate(Instant now, SilenceProperties limits) {
        Map<String, String> validMatchers = validMatchers();
        String validComment = validComment();
        Instant start = startsAt == null ? now : startsAt;
        Instant end = end(start);
        if (!end.isAfter(now)) {
            throw new InvalidSilenceException("the silence must end in the future: endsAt " + end + " has passed");
        }
        if (!end.isAfter(start)) {
            throw new InvalidSilenceException("the silence must end after it starts: endsAt " + end + " is not after startsAt " + start);
        }
        Duration length = Duration.between(start, end);
        if (length.compareTo(limits.maxDuration()) > 0) {
            throw new InvalidSilenceException("a silence may last at most " + readable(limits.maxDuration())
                    + " (sentinel.gateway.silences.max-duration); this one would last " + readable(length));
        }
        NewSilence silence = new NewSilence(validMatchers, start, end, validComment);
        try {
            // The rest of the setting's contract, as the detector will check it (the id is drawn when it is added).
            silence.toSetting("new", null);
        } catch (IllegalArgumentException e) {
            throw new InvalidSilenceException(e.getMessage());
        }
        return silence;
    }

    /** Compiled as the detector compiles them (RE2, with its limits); the contract's message names the matcher. */
    private Map<String, String> validMatchers() {
        Map<String, Pattern> patterns;
        try {
            patterns = LabelPatterns.compile(matchers, "matchers");
        } catch (IllegalArgumentException e) {
            throw new InvalidSilenceException(e.getMessage());
        }
        // The detector gives a label an incident lacks the value "": matchers that all accept "" would
        // also silence every incident without those labels, most likely far more than was meant.
        if (patterns.values().stream().allMatch(pattern -> pattern.matcher("").matches())) {
            throw new InvalidSilenceException("at least one matcher must not match an empty value; as they are, they would also silence "
                    + "every incident that lacks these labels");
        }
        return new LinkedHashMap<>(matchers);
    }

    private String validComment() {
        if (comment == null || comment.isBlank()) {
            throw new InvalidSilenceException("field 'comment' is required: say why, for whoever finds this silence next");
        }
        if (comment.length() > MAX_COMMENT_LENGTH) {
            throw new InvalidSilenceException("field 'comment' must be at most " + MAX_COMMENT_LENGTH + " characters, was " + comment.length());
        }
        return comment.strip();
    }

    private Instant end(Instant start) {
        boolean hasDuration = duration != null && !duration.isBlank();
        if (hasDuration && endsAt != null) {
            throw new InvalidSilenceException("give either 'duration' or 'endsAt', not both");
        }
        if (!hasDuration && endsAt == null) {
            throw new InvalidSilenceException("field 'duration' (e.g. \"2h\") or 'endsAt' is required: a silence must end");
        }
        if (endsAt != null) {
            return endsAt;
        }
        Duration length;
        try {
            length = HumanDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new InvalidSilenceException("field 'duration' must be a duration such as 30m, 2h or 1d, was '" + duration + "'");
        }
        if (length.isNegative() || length.isZero()) {
            throw new InvalidSilenceException("field 'duration' must be positive, was '" + duration + "'");
        }
        return start.plus(length);
    }

    /** In the largest unit that divides it: 7d, 36h, 90m. */
    private static String readable(Duration duration) {
        if (duration.getNano() != 0) {
            return duration.toString();
        }
        if (duration.toSeconds() % 86_400 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toSeconds() % 3_600 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toSeconds() + "s";
    }
}
