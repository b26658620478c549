package io.sentinel.events.settings.detector;

import java.time.Duration;

/**
 * Never-seen-before errors ({@code sentinel.detector.novelty}). Each property can be set on its own at
 * runtime: {@code detector.novelty.learn-for}, {@code .quiet-for}, {@code .max-fingerprints-per-service}.
 *
 * @param learnFor                  from a service's first log on, errors are learned as known without incidents
 *                                  for this long (default 10m)
 * @param quietFor                  a new error's incident clears once the error has not recurred for this long (default 1h)
 * @param maxFingerprintsPerService known errors kept per service; beyond it the least recently seen is forgotten
 *                                  (default 10000)
 */
public record NoveltySetting(Duration learnFor, Duration quietFor, Integer maxFingerprintsPerService) {

    public static final NoveltySetting DEFAULTS = new NoveltySetting(null, null, null);

    public NoveltySetting {
        learnFor = learnFor == null ? Duration.ofMinutes(10) : learnFor;
        quietFor = quietFor == null ? Duration.ofHours(1) : quietFor;
        maxFingerprintsPerService = maxFingerprintsPerService == null ? 10_000 : maxFingerprintsPerService;
        if (learnFor.isNegative()) {
            throw new IllegalArgumentException("learn-for must not be negative, was " + learnFor);
        }
        if (!quietFor.isPositive()) {
            throw new IllegalArgumentException("quiet-for must be positive, was " + quietFor);
        }
        if (maxFingerprintsPerService < 1) {
            throw new IllegalArgumentException("max-fingerprints-per-service must be at least 1, was " + maxFingerprintsPerService);
        }
    }
}
