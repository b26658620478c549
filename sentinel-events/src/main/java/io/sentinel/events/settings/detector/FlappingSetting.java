package io.sentinel.events.settings.detector;

import java.time.Duration;

/**
 * A fingerprint whose incident opened {@code max-openings} times within {@code window} is flapping:
 * its incident then stays open through short clears and resolves only after the condition has
 * stayed clear for {@code stable-for}. {@code sentinel.detector.noise.flapping}, or the runtime
 * setting {@code detector.flapping} (which replaces the block; fields it leaves out take the defaults).
 *
 * @param window      default 1h
 * @param maxOpenings default 4, at least 2
 * @param stableFor   default 15m
 */
public record FlappingSetting(Duration window, Integer maxOpenings, Duration stableFor) {

    public static final FlappingSetting DEFAULTS = new FlappingSetting(null, null, null);

    public FlappingSetting {
        window = window == null ? Duration.ofHours(1) : window;
        maxOpenings = maxOpenings == null ? 4 : maxOpenings;
        stableFor = stableFor == null ? Duration.ofMinutes(15) : stableFor;
        if (!window.isPositive()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (maxOpenings < 2) {
            throw new IllegalArgumentException("max-openings must be at least 2, was " + maxOpenings);
        }
        if (stableFor.isNegative()) {
            throw new IllegalArgumentException("stable-for must not be negative, was " + stableFor);
        }
    }
}
