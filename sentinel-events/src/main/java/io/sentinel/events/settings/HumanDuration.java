package io.sentinel.events.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Durations the way operators write them everywhere in Sentinel (YAML, runtime settings, playbooks,
 * query parameters, API bodies): {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or
 * ISO-8601 ({@code PT1H30M}); a bare number is milliseconds, as in Spring Boot's configuration. The
 * one parser every service uses, so a duration means the same wherever it is written.
 */
public final class HumanDuration {

    private static final int MAX_LENGTH = 64;

    private HumanDuration() {
    }

    /** @throws IllegalArgumentException saying what a duration looks like */
    public static Duration parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw invalid(text);
        }
        String value = text.strip();
        if (value.startsWith("P") || value.startsWith("p") || value.startsWith("-P") || value.startsWith("-p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        int digits = value.startsWith("-") ? 1 : 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || (digits == 1 && value.startsWith("-"))) {
            throw invalid(text);
        }
        long amount;
        try {
            amount = Long.parseLong(value.substring(0, digits));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        try {
            return switch (value.substring(digits).toLowerCase(Locale.ROOT)) {
                case "", "ms" -> Duration.ofMillis(amount);
                case "ns" -> Duration.ofNanos(amount);
                case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw invalid(text);
            };
        } catch (ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + (text != null && text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text)
                + "' is not a duration; write it like 500ms, 30s, 5m, 2h, 7d or PT1H30M");
    }

    /** Reads JSON and YAML durations with {@link #parse}; a number is milliseconds. */
    public static final class Deserializer extends StdDeserializer<Duration> {

        public Deserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.getValueAsString();
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }
}
