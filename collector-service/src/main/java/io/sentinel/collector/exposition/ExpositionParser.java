package io.sentinel.collector.exposition;

import io.sentinel.collector.series.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Prometheus text exposition format, version 0.0.4: what {@code /metrics} endpoints of
 * exporters and instrumented applications serve.
 *
 * <pre>
 * # HELP and # TYPE lines, and any other comment
 * metric_name [ "{" label_name "=" "\"" label_value "\"" { "," ... } [ "," ] "}" ] value [ timestamp_ms ]
 * </pre>
 *
 * A line that breaks the format is skipped and counted rather than failing the whole text: one
 * exporter bug should not blind Sentinel to the rest of a target's series.
 */
public final class ExpositionParser {

    private static final Logger log = LoggerFactory.getLogger(ExpositionParser.class);
    /** Go's strconv.ParseFloat decimal syntax, which exporters write; Java's own also takes "1d", "0x1p3". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern MILLIS = Pattern.compile("[+-]?\\d+");

    private ExpositionParser() {
    }

    /** @param origin where the text came from, for the debug log of skipped lines */
    public static Exposition parse(String text, String origin) {
        List<Sample> samples = new ArrayList<>();
        int malformed = 0;
        int nonFinite = 0;
        int lineNumber = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = stripCarriageReturn(text.substring(start, end));
            start = end + 1;
            String content = line.stripLeading();
            if (content.isEmpty() || content.charAt(0) == '#') {
                continue;
            }
            try {
                Sample sample = new Line(content).sample();
                if (Double.isFinite(sample.value())) {
                    samples.add(sample);
                } else {
                    nonFinite++;
                }
            } catch (MalformedLine e) {
                malformed++;
                log.debug("skipped malformed exposition line origin={} line={} reason=\"{}\"", origin, lineNumber, e.getMessage());
            }
        }
        return new Exposition(samples, malformed, nonFinite);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A cursor over one sample line. */
    private static final class Line {

        private final String text;
        private int position;

        Line(String text) {
            this.text = text;
        }

        Sample sample() throws MalformedLine {
            String name = metricName();
            Map<String, String> labels = Map.of();
            boolean blanks = skipBlanks();
            boolean labelSet = peek() == '{';
            if (labelSet) {
                position++;
                labels = labels();
                blanks = skipBlanks();
            }
            if (atEnd()) {
                throw new MalformedLine("no value");
            }
            if (!blanks && !labelSet) {
                throw new MalformedLine("unexpected '" + peek() + "' in metric name");
            }
            double value = value(token());
            Instant timestamp = null;
            if (skipBlanks() && !atEnd()) {
                timestamp = timestamp(token());
                skipBlanks();
            }
            if (!atEnd()) {
                throw new MalformedLine("unexpected text after the " + (timestamp == null ? "value" : "timestamp"));
            }
            return new Sample(name, labels, value, timestamp);
        }

        private String metricName() throws MalformedLine {
            int begin = position;
            while (!atEnd() && isMetricNameChar(peek(), position == begin)) {
                position++;
            }
            if (position == begin) {
                throw new MalformedLine("no metric name");
            }
            return text.substring(begin, position);
        }

        private Map<String, String> labels() throws MalformedLine {
            Map<String, String> labels = new HashMap<>();
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    position++;
                    return labels;
                }
                String name = labelName();
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                if (labels.put(name, quotedValue()) != null) {
                    throw new MalformedLine("label '" + name + "' appears twice");
                }
                skipBlanks();
                char next = peek();
                position++;
                if (next == '}') {
                    return labels;
                }
                if (next != ',') {
                    throw new MalformedLine("expected ',' or '}' after label '" + name + "'");
                }
            }
        }

        private String labelName() throws MalformedLine {
            int begin = position;
            while (!atEnd() && isLabelNameChar(peek(), position == begin)) {
                position++;
            }
            if (position == begin) {
                throw new MalformedLine(atEnd() ? "unterminated label set" : "invalid label name at '" + peek() + "'");
            }
            return text.substring(begin, position);
        }

        /** The rest of a label value after its opening quote, with escapes resolved. */
        private String quotedValue() throws MalformedLine {
            var value = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (atEnd()) {
                    break;
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case '\\', '"' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    default -> throw new MalformedLine("invalid escape '\\" + escaped + "' in a label value");
                }
            }
            throw new MalformedLine("unterminated label value");
        }

        private String token() {
            int begin = position;
            while (!atEnd() && !isBlank(peek())) {
                position++;
            }
            return text.substring(begin, position);
        }

        private static double value(String token) throws MalformedLine {
            return switch (token.toLowerCase(Locale.ROOT)) {
                case "nan" -> Double.NaN;
                case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> {
                    if (!DECIMAL.matcher(token).matches()) {
                        throw new MalformedLine("value '" + token + "' is not a number");
                    }
                    yield Double.parseDouble(token);
                }
            };
        }

        private static Instant timestamp(String token) throws MalformedLine {
            if (!MILLIS.matcher(token).matches()) {
                throw new MalformedLine("timestamp '" + token + "' is not whole milliseconds");
            }
            try {
                return Instant.ofEpochMilli(Long.parseLong(token));
            } catch (NumberFormatException e) {
                throw new MalformedLine("timestamp '" + token + "' is out of range");
            }
        }

        private void expect(char expected) throws MalformedLine {
            if (peek() != expected) {
                throw new MalformedLine(atEnd() ? "unterminated label set" : "expected '" + expected + "' but found '" + peek() + "'");
            }
            position++;
        }

        /** Skips blanks and tabs; says whether there were any. */
        private boolean skipBlanks() {
            int begin = position;
            while (!atEnd() && isBlank(peek())) {
                position++;
            }
            return position > begin;
        }

        private char peek() {
            return atEnd() ? '\0' : text.charAt(position);
        }

        private boolean atEnd() {
            return position >= text.length();
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isMetricNameChar(char c, boolean first) {
            return isLabelNameChar(c, first) || c == ':';
        }

        private static boolean isLabelNameChar(char c, boolean first) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
        }
    }

    /** Why a line was skipped; carries no stack trace, as it is an expected outcome, not an error. */
    private static final class MalformedLine extends Exception {

        MalformedLine(String reason) {
            super(reason, null, false, false);
        }
    }
}
