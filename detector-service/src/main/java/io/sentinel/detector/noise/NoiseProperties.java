package io.sentinel.detector.noise;

import io.sentinel.events.settings.detector.FlappingSetting;
import io.sentinel.events.settings.detector.InhibitionSetting;
import io.sentinel.events.settings.detector.SilenceSetting;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Noise control as configured, in the shapes of the runtime settings that overlay it
 * ({@code io.sentinel.events.settings.SettingContracts}): {@code detector.silences} adds silences,
 * {@code detector.inhibitions} and {@code detector.flapping} replace theirs while they exist.
 *
 * @param storm the budget of incidents opened per minute (configuration only)
 */
@ConfigurationProperties("sentinel.detector.noise")
public record NoiseProperties(List<SilenceSetting> silences, List<InhibitionSetting> inhibitions, FlappingSetting flapping,
                              @DefaultValue StormDefinition storm) {

    public NoiseProperties {
        silences = silences == null ? List.of() : List.copyOf(silences);
        inhibitions = inhibitions == null ? List.of() : List.copyOf(inhibitions);
        flapping = flapping == null ? FlappingSetting.DEFAULTS : flapping;
        storm = storm == null ? new StormDefinition(StormDefinition.DEFAULT_MAX_OPENINGS_PER_MINUTE) : storm;
    }

    /** @param maxOpeningsPerMinute incidents opened within a minute beyond which the storm incident opens instead (default 60) */
    public record StormDefinition(@DefaultValue("60") int maxOpeningsPerMinute) {

        static final int DEFAULT_MAX_OPENINGS_PER_MINUTE = 60;
    }
}
