package io.sentinel.detector.noise;

import io.sentinel.events.settings.detector.FlappingSetting;
import java.time.Duration;

/**
 * A fingerprint whose incident opened {@code maxOpenings} times within {@code window} is flapping:
 * its incident then stays open through short clears and resolves only after the condition has
 * stayed clear for {@code stableFor}, so one episode is one incident, not a stream of them.
 */
public record FlapDetection(Duration window, int maxOpenings, Duration stableFor) {

    public static FlapDetection of(FlappingSetting setting) {
        return new FlapDetection(setting.window(), setting.maxOpenings(), setting.stableFor());
    }
}
