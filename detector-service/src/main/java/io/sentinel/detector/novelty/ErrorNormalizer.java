package io.sentinel.detector.novelty;

import java.util.List;
import java.util.Locale;

/**
 * Turns an error report into its {@link ErrorSignature}: the parts of a message that change between
 * occurrences of one error (ids, numbers, addresses, quoted values, timestamps) become placeholders,
 * so "order 4711 not found" and "order 4712 not found" are one error, while "order not found" and
 * "payment not found" stay two. Pure; the replacements run in the order listed in
 * {@code docs/detector-errors-and-llm.md}, most specific first (a UUID must not be eaten as numbers).
 * <p>
 * What senders log is input like any other, and can be written to be expensive. So no regular
 * expression runs here: every replacement is a hand-written scanner that looks at each character a
 * bounded number of times, the message is cut to {@value #MAX_MESSAGE_CHARS} characters and the stack
 * trace line naming the exception to {@value #MAX_LINE_CHARS} before anything is scanned, and nothing
 * recurses. A 60 KiB stack trace built against any of the patterns costs what a 60 KiB scan costs.
 */
public final class ErrorNormalizer {

    /** Only the head of a very long message is read: it bounds the work per line, and the head names the error. */
    static final int MAX_MESSAGE_CHARS = 4096;
    /** The line naming the exception type is read this far; a type name is far shorter. */
    static final int MAX_LINE_CHARS = 1024;
    /** How far a quoted value may run before its closing quote. */
    static final int MAX_QUOTED_CHARS = 512;

    private static final String PYTHON_TRACEBACK = "Traceback (most recent call last)";
    private static final String UNCAUGHT = "Exception in thread \"";
    private static final String CAUSED_BY = "Caused by:";

    /** The scanners, in the order they run; each sees the placeholders of those before it. */
    private static final List<Scanner> SCANNERS = List.of(
            new Scanner("<quoted>", ErrorNormalizer::quoted),
            new Scanner("<ts>", ErrorNormalizer::timestamp),
            new Scanner("<uuid>", ErrorNormalizer::uuid),
            new Scanner("<email>", ErrorNormalizer::email),
            new Scanner("<addr>", ErrorNormalizer::ipv4),
            new Scanner("<addr>", ErrorNormalizer::ipv6),
            new Scanner("<addr>", ErrorNormalizer::hostAndPort),
            new Scanner("<hex>", ErrorNormalizer::hex),
            new Scanner("<duration>", ErrorNormalizer::duration),
            new Scanner("<size>", ErrorNormalizer::size),
            new Scanner("<n>", ErrorNormalizer::number));

    private static final List<String> DURATION_UNITS = List.of("ns", "us", "µs", "ms", "s", "secs", "sec", "seconds", "second", "m",
            "mins", "min", "minutes", "minute", "h", "hrs", "hr", "hours", "hour", "d", "days", "day");

    private ErrorNormalizer() {
    }

    public static ErrorSignature signature(String message, String stackTrace) {
        return ErrorSignature.of(exceptionType(stackTrace), normalize(message));
    }

    /** The message with every varying value replaced, whitespace collapsed, lower case. */
    public static String normalize(String message) {
        String text = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
        for (Scanner scanner : SCANNERS) {
            text = scanner.replaceAll(text);
        }
        return collapseWhitespace(text).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The exception type named by a stack trace's first line (Java, Node: {@code java.io.IOException: ...};
     * Go: {@code panic: ...}), or by its last line when the first is Python's {@code Traceback} header.
     * Null when the trace names none.
     */
    public static String exceptionType(String stackTrace) {
        if (stackTrace == null) {
            return null;
        }
        int[] first = firstNonBlankLine(stackTrace);
        if (first == null) {
            return null;
        }
        int[] line = first;
        if (stackTrace.startsWith(PYTHON_TRACEBACK, first[0])) {
            line = lastNonBlankLine(stackTrace);
        }
        // A line cut short has no known end, and the type must end at a colon or the line's end.
        boolean complete = line[1] - line[0] <= MAX_LINE_CHARS;
        return typeOnLine(stackTrace.substring(line[0], Math.min(line[1], line[0] + MAX_LINE_CHARS)), complete);
    }

    // ---- the exception type -------------------------------------------------------------------------

    /**
     * {@code [Exception in thread "…" ][Caused by: ]<dotted.Name>} followed by optional whitespace and
     * a colon or the end of the line, after optional leading whitespace.
     */
    static String typeOnLine(String line, boolean complete) {
        int start = run(line, 0, ErrorNormalizer::isRegexSpace);
        for (boolean uncaught : new boolean[] {true, false}) {
            int afterUncaught = uncaught ? afterUncaughtPrefix(line, start) : start;
            if (afterUncaught < 0) {
                continue;
            }
            for (boolean causedBy : new boolean[] {true, false}) {
                int afterCausedBy = causedBy ? afterCausedByPrefix(line, afterUncaught) : afterUncaught;
                if (afterCausedBy < 0) {
                    continue;
                }
                int end = dottedName(line, afterCausedBy);
                if (end > afterCausedBy) {
                    int after = run(line, end, ErrorNormalizer::isRegexSpace);
                    if (after == line.length() ? complete : line.charAt(after) == ':') {
                        return line.substring(afterCausedBy, end);
                    }
                }
            }
        }
        return null;
    }

    private static int afterUncaughtPrefix(String line, int at) {
        if (!line.startsWith(UNCAUGHT, at)) {
            return -1;
        }
        int close = line.indexOf('"', at + UNCAUGHT.length());
        if (close < 0) {
            return -1;
        }
        int after = run(line, close + 1, ErrorNormalizer::isRegexSpace);
        return after > close + 1 ? after : -1;
    }

    private static int afterCausedByPrefix(String line, int at) {
        if (!line.startsWith(CAUSED_BY, at)) {
            return -1;
        }
        int after = run(line, at + CAUSED_BY.length(), ErrorNormalizer::isRegexSpace);
        return after > at + CAUSED_BY.length() ? after : -1;
    }

    /** End of {@code [A-Za-z_$][\w$]*(?:[.$][A-Za-z_$][\w$]*)*} from {@code at}, or {@code at} when none starts there. */
    private static int dottedName(String line, int at) {
        if (at >= line.length() || !isIdentifierStart(line.charAt(at))) {
            return at;
        }
        int end = at + 1;
        while (true) {
            end = run(line, end, c -> isWord(c) || c == '$');
            if (end + 1 < line.length() && line.charAt(end) == '.' && isIdentifierStart(line.charAt(end + 1))) {
                end += 2;
            } else {
                return end;
            }
        }
    }

    /** Start and end of the first line with a non-whitespace character, its leading whitespace left out. */
    private static int[] firstNonBlankLine(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = lineEnd(text, start);
            int content = run(text, start, Character::isWhitespace);
            if (content < end) {
                return new int[] {content, end};
            }
            start = nextLine(text, end);
        }
        return null;
    }

    /** Start and end of the last line with a non-whitespace character, its trailing whitespace left out. */
    private static int[] lastNonBlankLine(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != '\r') {
            start--;
        }
        return new int[] {start, end};
    }

    private static int lineEnd(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    private static int nextLine(String text, int lineEnd) {
        if (lineEnd < text.length() && text.charAt(lineEnd) == '\r' && lineEnd + 1 < text.length() && text.charAt(lineEnd + 1) == '\n') {
            return lineEnd + 2;
        }
        return lineEnd + 1;
    }

    // ---- the replacements ---------------------------------------------------------------------------

    /**
     * Quoted values: {@code "…"} and {@code `…`} anywhere, {@code '…'} only around a value (not after
     * or before a word character, so the apostrophe in "can't" opens no quote); at most
     * {@value #MAX_QUOTED_CHARS} characters inside, no line break.
     */
    private static int quoted(String text, int at) {
        char open = text.charAt(at);
        if (open != '"' && open != '`' && open != '\'') {
            return -1;
        }
        if (open == '\'' && at > 0 && isWord(text.charAt(at - 1))) {
            return -1;
        }
        int limit = Math.min(text.length(), at + 1 + MAX_QUOTED_CHARS + 1);
        for (int i = at + 1; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return -1;
            }
            if (c == open) {
                if (open == '\'' && i + 1 < text.length() && isWord(text.charAt(i + 1))) {
                    return -1;
                }
                return i + 1;
            }
        }
        return -1;
    }

    /** {@code 2026-11-23T12:00[:01[.123]][Z|+01:00|+0100]}, not followed by a letter or digit. */
    private static int timestamp(String text, int at) {
        int i = digits(text, at, 4);
        i = literal(text, i, '-');
        i = digits(text, i, 2);
        i = literal(text, i, '-');
        i = digits(text, i, 2);
        if (i < 0 || i >= text.length() || !(text.charAt(i) == 't' || text.charAt(i) == 'T' || text.charAt(i) == ' ')) {
            return -1;
        }
        i = digits(text, i + 1, 2);
        i = literal(text, i, ':');
        i = digits(text, i, 2);
        if (i < 0) {
            return -1;
        }
        // Greedy, as a backtracking engine tries them: seconds with the longest fraction first, then shorter, then none.
        for (int seconds : secondsEnds(text, i)) {
            for (int zone : zoneEnds(text, seconds)) {
                if (boundaryAfter(text, zone)) {
                    return zone;
                }
            }
        }
        return -1;
    }

    private static int[] secondsEnds(String text, int at) {
        int seconds = digits(text, literal(text, at, ':'), 2);
        if (seconds < 0) {
            return new int[] {at};
        }
        if (seconds < text.length() && (text.charAt(seconds) == '.' || text.charAt(seconds) == ',')) {
            int fraction = Math.min(9, run(text, seconds + 1, ErrorNormalizer::isDigit) - (seconds + 1));
            if (fraction > 0) {
                int[] ends = new int[fraction + 2];
                for (int k = 0; k < fraction; k++) {
                    ends[k] = seconds + 1 + fraction - k;
                }
                ends[fraction] = seconds;
                ends[fraction + 1] = at;
                return ends;
            }
        }
        return new int[] {seconds, at};
    }

    private static int[] zoneEnds(String text, int at) {
        if (at < text.length() && (text.charAt(at) == 'z' || text.charAt(at) == 'Z')) {
            return new int[] {at + 1, at};
        }
        if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
            int hours = digits(text, at + 1, 2);
            int withColon = digits(text, literal(text, hours, ':'), 2);
            int withoutColon = digits(text, hours, 2);
            if (withColon >= 0 && withoutColon >= 0) {
                return new int[] {withColon, withoutColon, at};
            }
            if (withColon >= 0 || withoutColon >= 0) {
                return new int[] {Math.max(withColon, withoutColon), at};
            }
        }
        return new int[] {at};
    }

    /** 8-4-4-4-12 hexadecimal digits, standing apart. */
    private static int uuid(String text, int at) {
        if (!boundaryBefore(text, at)) {
            return -1;
        }
        int i = at;
        int[] groups = {8, 4, 4, 4, 12};
        for (int g = 0; g < groups.length; g++) {
            if (g > 0) {
                i = literal(text, i, '-');
            }
            i = exactly(text, i, groups[g], ErrorNormalizer::isHex);
            if (i < 0) {
                return -1;
            }
        }
        return boundaryAfter(text, i) ? i : -1;
    }

    /** {@code local@domain.tld}: a local part not preceded by one of its own characters, two labels or more. */
    private static int email(String text, int at) {
        if (!isEmailLocal(text.charAt(at)) || at > 0 && isEmailLocal(text.charAt(at - 1))) {
            return -1;
        }
        int local = run(text, at, ErrorNormalizer::isEmailLocal);
        if (local >= text.length() || text.charAt(local) != '@') {
            return -1;
        }
        // Labels [a-z0-9-]+ joined by single dots; the match may end inside any label after the first,
        // the longest first, wherever no word character follows.
        int firstLabel = run(text, local + 1, ErrorNormalizer::isLabel);
        if (firstLabel == local + 1) {
            return -1;
        }
        int end = firstLabel;
        while (end + 1 < text.length() && text.charAt(end) == '.' && isLabel(text.charAt(end + 1))) {
            end = run(text, end + 1, ErrorNormalizer::isLabel);
        }
        for (int candidate = end; candidate > firstLabel + 1; candidate--) {
            if (isLabel(text.charAt(candidate - 1)) && (candidate == text.length() || !isWord(text.charAt(candidate)))) {
                return candidate;
            }
        }
        return -1;
    }

    /** {@code 10.0.0.5} or {@code 10.0.0.5:5432}: four octets of one to three digits, standing apart. */
    private static int ipv4(String text, int at) {
        if (at > 0 && (isWord(text.charAt(at - 1)) || text.charAt(at - 1) == '.')) {
            return -1;
        }
        int i = at;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                i = literal(text, i, '.');
            }
            int end = i < 0 ? -1 : run(text, i, ErrorNormalizer::isDigit);
            if (i < 0 || end == i || end - i > 3) {
                return -1;
            }
            i = end;
        }
        if (i < text.length() && text.charAt(i) == ':') {
            int port = run(text, i + 1, ErrorNormalizer::isDigit);
            if (port > i + 1 && port - (i + 1) <= 5 && ipv4Ends(text, port)) {
                return port;
            }
        }
        return ipv4Ends(text, i) ? i : -1;
    }

    /** Not followed by a word character, nor by a dot and a digit (a fifth octet). */
    private static boolean ipv4Ends(String text, int at) {
        if (at >= text.length()) {
            return true;
        }
        char next = text.charAt(at);
        return !isWord(next) && !(next == '.' && at + 1 < text.length() && isDigit(text.charAt(at + 1)));
    }

    /**
     * IPv6: bracketed with an optional port ({@code [2001:db8::1]:8080}), the full eight groups, or
     * compressed with {@code ::}; standing apart from word characters and colons.
     */
    private static int ipv6(String text, int at) {
        char c = text.charAt(at);
        if (c == '[') {
            return bracketedIpv6(text, at);
        }
        if (at > 0 && (isWord(text.charAt(at - 1)) || text.charAt(at - 1) == ':')) {
            return -1;
        }
        if (isHex(c)) {
            int full = fullIpv6(text, at);
            return full >= 0 ? full : compressedIpv6(text, at);
        }
        if (c == ':' && at + 2 < text.length() && text.charAt(at + 1) == ':') {
            int end = hexGroups(text, at + 2, 7);
            return end > at + 2 && ipv6Ends(text, end) ? end : -1;
        }
        return -1;
    }

    private static int bracketedIpv6(String text, int at) {
        int i = at + 1;
        int colons = 0;
        while (true) {
            int group = run(text, i, ErrorNormalizer::isHex);
            if (group - i > 4) {
                return -1;
            }
            if (group < text.length() && text.charAt(group) == ':' && colons < 7) {
                colons++;
                i = group + 1;
            } else if (group < text.length() && text.charAt(group) == ']' && colons >= 2 && colons <= 7) {
                i = group + 1;
                break;
            } else {
                return -1;
            }
        }
        if (i < text.length() && text.charAt(i) == ':') {
            int port = run(text, i + 1, ErrorNormalizer::isDigit);
            if (port > i + 1) {
                return Math.min(port, i + 1 + 5);
            }
        }
        return i;
    }

    private static int fullIpv6(String text, int at) {
        int i = at;
        for (int group = 0; group < 8; group++) {
            if (group > 0) {
                i = literal(text, i, ':');
            }
            int end = i < 0 ? -1 : run(text, i, ErrorNormalizer::isHex);
            if (i < 0 || end == i || end - i > 4) {
                return -1;
            }
            i = end;
        }
        return ipv6Ends(text, i) ? i : -1;
    }

    /** {@code h(:h){0,6}::(h(:h){0,6})?}, each {@code h} one to four hexadecimal digits. */
    private static int compressedIpv6(String text, int at) {
        int head = hexGroups(text, at, 7);
        if (head < 0 || !text.startsWith("::", head)) {
            return -1;
        }
        int tail = hexGroups(text, head + 2, 7);
        int end = tail > head + 2 ? tail : head + 2;
        return ipv6Ends(text, end) ? end : -1;
    }

    /**
     * End of up to {@code max} colon-separated groups of one to four hexadecimal digits from {@code at};
     * {@code at} when none starts there, -1 when a group is longer than four digits.
     */
    private static int hexGroups(String text, int at, int max) {
        int i = at;
        for (int group = 0; group < max; group++) {
            int from = group == 0 ? i : i + 1;
            if (group > 0 && !(i < text.length() && text.charAt(i) == ':' && from < text.length() && isHex(text.charAt(from)))) {
                return i;
            }
            int end = run(text, from, ErrorNormalizer::isHex);
            if (end == from) {
                return i;
            }
            if (end - from > 4) {
                return -1;
            }
            i = end;
        }
        return i;
    }

    private static boolean ipv6Ends(String text, int at) {
        return at >= text.length() || !isWord(text.charAt(at)) && text.charAt(at) != ':';
    }

    /** {@code host.domain:port} or {@code localhost:port}, standing apart. */
    private static int hostAndPort(String text, int at) {
        if (at > 0 && (isWord(text.charAt(at - 1)) || text.charAt(at - 1) == '.' || text.charAt(at - 1) == '-')) {
            return -1;
        }
        if (text.regionMatches(true, at, "localhost", 0, "localhost".length())) {
            int port = port(text, at + "localhost".length());
            if (port >= 0) {
                return port;
            }
        }
        int first = run(text, at, ErrorNormalizer::isLabel);
        if (first == at) {
            return -1;
        }
        int end = first;
        int labels = 1;
        while (end + 1 < text.length() && text.charAt(end) == '.' && isLabel(text.charAt(end + 1))) {
            end = run(text, end + 1, ErrorNormalizer::isLabel);
            labels++;
        }
        return labels >= 2 ? port(text, end) : -1;
    }

    /** {@code :} and one to five digits, not followed by a word character. */
    private static int port(String text, int at) {
        if (at >= text.length() || text.charAt(at) != ':') {
            return -1;
        }
        int end = run(text, at + 1, ErrorNormalizer::isDigit);
        return end > at + 1 && end - (at + 1) <= 5 && (end == text.length() || !isWord(text.charAt(end))) ? end : -1;
    }

    /** {@code 0x…}, or eight or more hexadecimal digits with at least one letter and one digit (all digits is a number). */
    private static int hex(String text, int at) {
        if (!boundaryBefore(text, at)) {
            return -1;
        }
        if (text.charAt(at) == '0' && at + 1 < text.length() && (text.charAt(at + 1) == 'x' || text.charAt(at + 1) == 'X')) {
            int end = run(text, at + 2, ErrorNormalizer::isHex);
            if (end > at + 2 && boundaryAfter(text, end)) {
                return end;
            }
        }
        int end = run(text, at, ErrorNormalizer::isHex);
        if (end - at < 8 || !boundaryAfter(text, end)) {
            return -1;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = at; i < end && !(letter && digit); i++) {
            letter |= !isDigit(text.charAt(i));
            digit |= isDigit(text.charAt(i));
        }
        return letter && digit ? end : -1;
    }

    /** A number with a time unit: {@code 30000ms}, {@code 2.5 s}, {@code 5 minutes}. */
    private static int duration(String text, int at) {
        return numberWithUnit(text, at, ErrorNormalizer::durationUnit);
    }

    /** A number with a size unit: {@code 512MB}, {@code 2 GiB}, {@code 2147483648 bytes}. */
    private static int size(String text, int at) {
        return numberWithUnit(text, at, ErrorNormalizer::sizeUnit);
    }

    private static int numberWithUnit(String text, int at, Match unit) {
        if (!boundaryBefore(text, at) || !isDigit(text.charAt(at))) {
            return -1;
        }
        int end = run(text, at, ErrorNormalizer::isDigit);
        if (end + 1 < text.length() && text.charAt(end) == '.' && isDigit(text.charAt(end + 1))) {
            end = run(text, end + 1, ErrorNormalizer::isDigit);
        }
        if (end < text.length() && isRegexSpace(text.charAt(end))) {
            int spaced = unit.end(text, end + 1);
            if (spaced >= 0) {
                return spaced;
            }
        }
        return unit.end(text, end);
    }

    /** The first unit (in the order a regular expression's alternation would try them) ending where no letter or digit follows. */
    private static int durationUnit(String text, int at) {
        for (String unit : DURATION_UNITS) {
            if (regionMatchesAsciiCase(text, at, unit) && boundaryAfter(text, at + unit.length())) {
                return at + unit.length();
            }
        }
        return -1;
    }

    /** {@code [kmgtp]i?b} or {@code bytes?}. */
    private static int sizeUnit(String text, int at) {
        if (at < text.length() && "kmgtpKMGTP".indexOf(text.charAt(at)) >= 0) {
            for (String rest : List.of("ib", "b")) {
                if (regionMatchesAsciiCase(text, at + 1, rest) && boundaryAfter(text, at + 1 + rest.length())) {
                    return at + 1 + rest.length();
                }
            }
        }
        for (String unit : List.of("bytes", "byte")) {
            if (regionMatchesAsciiCase(text, at, unit) && boundaryAfter(text, at + unit.length())) {
                return at + unit.length();
            }
        }
        return -1;
    }

    /**
     * Numbers, decimals and versions ({@code 1.2.3}), with an optional exponent; when the whole does
     * not stand apart (a letter follows), the longest dotted part that does.
     */
    private static int number(String text, int at) {
        if (!boundaryBefore(text, at) || !isDigit(text.charAt(at))) {
            return -1;
        }
        int end = run(text, at, ErrorNormalizer::isDigit);
        int beforeLastPart = -1;
        while (end + 1 < text.length() && text.charAt(end) == '.' && isDigit(text.charAt(end + 1))) {
            beforeLastPart = end;
            end = run(text, end + 1, ErrorNormalizer::isDigit);
        }
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            int exponentEnd = run(text, exponent, ErrorNormalizer::isDigit);
            if (exponentEnd > exponent && boundaryAfter(text, exponentEnd)) {
                return exponentEnd;
            }
        }
        if (boundaryAfter(text, end)) {
            return end;
        }
        // Giving back the last dotted part leaves a dot next, which stands apart.
        return beforeLastPart;
    }

    // ---- characters ---------------------------------------------------------------------------------

    /** Values stand apart from letters, digits and a dot before them; an underscore separates ({@code ch_42} is charge 42). */
    private static boolean boundaryBefore(String text, int at) {
        return at == 0 || !isAlphanumeric(text.charAt(at - 1)) && text.charAt(at - 1) != '.';
    }

    private static boolean boundaryAfter(String text, int at) {
        return at >= text.length() || !isAlphanumeric(text.charAt(at));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isWord(char c) {
        return isAlphanumeric(c) || c == '_';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isLabel(char c) {
        return isAlphanumeric(c) || c == '-';
    }

    private static boolean isEmailLocal(char c) {
        return isWord(c) || c == '.' || c == '+' || c == '-';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    }

    /** What {@code \s} means to Java's regular expressions, which the original patterns used. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean regionMatchesAsciiCase(String text, int at, String expected) {
        if (at < 0 || at + expected.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            char c = text.charAt(at + i);
            char e = expected.charAt(i);
            if (c != e && !(e >= 'a' && e <= 'z' && c == e - 'a' + 'A')) {
                return false;
            }
        }
        return true;
    }

    private static int run(String text, int from, CharTest test) {
        int i = from;
        while (i < text.length() && test.test(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int exactly(String text, int at, int count, CharTest test) {
        if (at < 0 || at + count > text.length()) {
            return -1;
        }
        for (int i = at; i < at + count; i++) {
            if (!test.test(text.charAt(i))) {
                return -1;
            }
        }
        return at + count;
    }

    private static int digits(String text, int at, int count) {
        return exactly(text, at, count, ErrorNormalizer::isDigit);
    }

    private static int literal(String text, int at, char expected) {
        return at >= 0 && at < text.length() && text.charAt(at) == expected ? at + 1 : -1;
    }

    private static String collapseWhitespace(String text) {
        StringBuilder collapsed = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (isRegexSpace(text.charAt(i))) {
                collapsed.append(' ');
                i = run(text, i, ErrorNormalizer::isRegexSpace);
            } else {
                collapsed.append(text.charAt(i++));
            }
        }
        return collapsed.toString();
    }

    @FunctionalInterface
    private interface CharTest {
        boolean test(char c);
    }

    /** Where a value that starts at {@code at} ends, or -1 when none starts there. */
    @FunctionalInterface
    private interface Match {
        int end(String text, int at);
    }

    /** One replacement: every value its match finds, left to right and not overlapping, becomes the placeholder. */
    private record Scanner(String placeholder, Match match) {

        String replaceAll(String text) {
            StringBuilder replaced = null;
            int copiedUpTo = 0;
            int i = 0;
            while (i < text.length()) {
                int end = match.end(text, i);
                if (end > i) {
                    if (replaced == null) {
                        replaced = new StringBuilder(text.length());
                    }
                    replaced.append(text, copiedUpTo, i).append(placeholder);
                    copiedUpTo = end;
                    i = end;
                } else {
                    i++;
                }
            }
            return replaced == null ? text : replaced.append(text, copiedUpTo, text.length()).toString();
        }
    }
}
