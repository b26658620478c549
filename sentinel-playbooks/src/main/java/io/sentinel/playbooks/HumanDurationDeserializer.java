package io.sentinel.playbooks;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/** Reads durations the way operators write them in YAML: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, or ISO-8601. */
final class HumanDurationDeserializer extends StdDeserializer<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    HumanDurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
        String text = parser.getValueAsString();
        Matcher matcher = SIMPLE.matcher(text == null ? "" : text.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            return (Duration) context.handleWeirdStringValue(Duration.class, text, "expected a duration such as 30s, 5m or PT30S");
        }
    }
}
