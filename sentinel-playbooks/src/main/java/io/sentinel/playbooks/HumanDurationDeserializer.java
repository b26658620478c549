package io.sentinel.playbooks;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads durations the way operators write them in YAML ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, or ISO-8601), by Spring Boot's own rules, so a playbook reads like the configuration.
 */
final class HumanDurationDeserializer extends StdDeserializer<Duration> {

    HumanDurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
        String text = parser.getValueAsString();
        try {
            return DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            return (Duration) context.handleWeirdStringValue(Duration.class, text, "expected a duration such as 30s, 5m or PT30S");
        }
    }
}
