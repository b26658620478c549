package io.sentinel.detector.noise;

import java.time.Duration;

/**
 * A fingerprint whose incident opened {@code maxOpenings} times within {@code window} is flapping:
 * its incident then stays open through short clears and resolves only after the condition has
 * stayed clear for {@code stableFor}, so one episode is one incident, not a stream of them.
 */
public record FlapDetection(Duration window, int maxOpenings, Duration stableFor) {

    public FlapDetection {
        window = window == null ? Duration.ofHours(1) : window;
        stableFor = stableFor == null ? Duration.ofMinutes(15) : stableFor;
        if (maxOpenings < 2) {
            throw new IllegalArgumentException("sentinel.detector.noise.flapping.max-openings must be at least 2, was " + maxOpenings);
        }
    }
}
