package io.sentinel.detector.novelty;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error report into its {@link ErrorSignature}: the parts of a message that change between
 * occurrences of one error (ids, numbers, addresses, quoted values, timestamps) become placeholders,
 * so "order 4711 not found" and "order 4712 not found" are one error, while "order not found" and
 * "payment not found" stay two. Pure; the replacements run in the order listed in
 * {@code docs/detector-errors-and-llm.md}, most specific first (a UUID must not be eaten as numbers).
 */
public final class ErrorNormalizer {

    /** Only the head of a very long message is read: it bounds the work per line, and the head names the error. */
    static final int MAX_MESSAGE_CHARS = 4096;

    private static final int CI = Pattern.CASE_INSENSITIVE;
    /** Values stand apart from letters and digits; an underscore separates them ({@code ch_42} is charge 42). */
    private static final String BEFORE = "(?<![a-z0-9.])";
    private static final String AFTER = "(?![a-z0-9])";

    private record Replacement(Pattern pattern, String placeholder) {
    }

    private static final List<Replacement> REPLACEMENTS = List.of(
            // Quoted values: double quotes and backticks anywhere; single quotes only around a value,
            // so the apostrophe in "can't" does not open a quote.
            new Replacement(Pattern.compile("\"[^\"\\n]{0,512}\"|`[^`\\n]{0,512}`|(?<!\\w)'[^'\\n]{0,512}'(?!\\w)"), "<quoted>"),
            new Replacement(Pattern.compile("\\d{4}-\\d{2}-\\d{2}[t ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?"
                    + "(?:z|[+-]\\d{2}:?\\d{2})?" + AFTER, CI), "<ts>"),
            new Replacement(Pattern.compile(BEFORE + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + AFTER, CI), "<uuid>"),
            new Replacement(Pattern.compile("(?<![\\w.+-])[\\w.+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)+(?!\\w)", CI), "<email>"),
            new Replacement(Pattern.compile("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?(?!\\w|\\.\\d)"), "<addr>"),
            new Replacement(Pattern.compile(
                    "\\[(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}](?::\\d{1,5})?"
                            + "|(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])"
                            + "|(?<![\\w:])[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6}::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?(?![\\w:])"
                            + "|(?<![\\w:])::[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6}(?![\\w:])", CI),
                    "<addr>"),
            new Replacement(Pattern.compile("(?<![\\w.-])(?:localhost|[a-z0-9-]+(?:\\.[a-z0-9-]+)+):\\d{1,5}(?!\\w)", CI), "<addr>"),
            // Hex ids: 0x..., or 8+ hex digits with at least one letter and one digit (all digits is a number).
            new Replacement(Pattern.compile(BEFORE + "0x[0-9a-f]+" + AFTER + "|" + BEFORE + "(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\\d)[0-9a-f]{8,}"
                    + AFTER, CI), "<hex>"),
            new Replacement(Pattern.compile(BEFORE + "\\d+(?:\\.\\d+)?\\s?"
                    + "(?:ns|us|µs|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)" + AFTER, CI), "<duration>"),
            new Replacement(Pattern.compile(BEFORE + "\\d+(?:\\.\\d+)?\\s?(?:[kmgtp]i?b|bytes?)" + AFTER, CI), "<size>"),
            new Replacement(Pattern.compile(BEFORE + "\\d+(?:\\.\\d+)*(?:e[-+]?\\d+)?" + AFTER, CI), "<n>"));

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** A dotted identifier ending the way exception types do, before a colon or the line's end. */
    private static final Pattern EXCEPTION_TYPE = Pattern.compile(
            "^\\s*(?:Exception in thread \"[^\"]*\"\\s+)?(?:Caused by:\\s+)?([A-Za-z_$][\\w$]*(?:[.$][A-Za-z_$][\\w$]*)*)\\s*(?::|$)");

    private ErrorNormalizer() {
    }

    public static ErrorSignature signature(String message, String stackTrace) {
        return ErrorSignature.of(exceptionType(stackTrace), normalize(message));
    }

    /** The message with every varying value replaced, whitespace collapsed, lower case. */
    public static String normalize(String message) {
        String text = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
        for (Replacement replacement : REPLACEMENTS) {
            text = replacement.pattern().matcher(text).replaceAll(Matcher.quoteReplacement(replacement.placeholder()));
        }
        return WHITESPACE.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The exception type named by a stack trace's first line (Java, Node: {@code java.io.IOException: ...};
     * Go: {@code panic: ...}), or by its last line when the first is Python's {@code Traceback} header.
     * Null when the trace names none.
     */
    public static String exceptionType(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return null;
        }
        List<String> lines = stackTrace.strip().lines().filter(line -> !line.isBlank()).toList();
        String line = lines.getFirst().startsWith("Traceback (most recent call last)") ? lines.getLast() : lines.getFirst();
        Matcher matcher = EXCEPTION_TYPE.matcher(line);
        return matcher.find() ? matcher.group(1) : null;
    }
}
