package io.sentinel.detector.noise;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Noise control as configured; the runtime settings {@code detector.silences},
 * {@code detector.inhibitions} and {@code detector.flapping} replace these while they exist.
 *
 * @param storm the budget of incidents opened per minute (configuration only)
 */
@ConfigurationProperties("sentinel.detector.noise")
public record NoiseProperties(List<SilenceDefinition> silences, List<InhibitionDefinition> inhibitions,
                              @DefaultValue FlappingDefinition flapping, @DefaultValue StormDefinition storm) {

    public NoiseProperties {
        silences = silences == null ? List.of() : List.copyOf(silences);
        inhibitions = inhibitions == null ? List.of() : List.copyOf(inhibitions);
        flapping = flapping == null ? new FlappingDefinition(Duration.ofHours(1), 4, Duration.ofMinutes(15)) : flapping;
        storm = storm == null ? new StormDefinition(StormDefinition.DEFAULT_MAX_OPENINGS_PER_MINUTE) : storm;
    }

    /** @param maxOpeningsPerMinute incidents opened within a minute beyond which the storm incident opens instead (default 60) */
    public record StormDefinition(@DefaultValue("60") int maxOpeningsPerMinute) {

        static final int DEFAULT_MAX_OPENINGS_PER_MINUTE = 60;
    }

    public record SilenceDefinition(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String createdBy,
                                    String comment) {

        public Silence toSilence(String property) {
            return new Silence(id, LabelMatcher.of(matchers, property + ".matchers"), startsAt, endsAt, createdBy, comment);
        }
    }

    public record InhibitionDefinition(String name, Map<String, String> source, Map<String, String> target, List<String> equal) {

        public InhibitionRule toRule(String property) {
            return new InhibitionRule(name, LabelMatcher.of(source, property + ".source"), LabelMatcher.of(target, property + ".target"),
                    equal);
        }
    }

    public record FlappingDefinition(@DefaultValue("1h") Duration window, @DefaultValue("4") int maxOpenings,
                                     @DefaultValue("15m") Duration stableFor) {

        public FlapDetection toDetection() {
            return new FlapDetection(window, maxOpenings, stableFor);
        }
    }
}
