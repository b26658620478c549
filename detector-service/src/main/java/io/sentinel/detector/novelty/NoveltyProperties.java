package io.sentinel.detector.novelty;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Never-seen-before errors, from {@code sentinel.detector.novelty}. Each value can be overridden at
 * runtime by the setting {@code detector.novelty.<property>} (see {@link NoveltySettings}).
 *
 * @param learnFor                   from a service's first log on, errors are learned as known without
 *                                   incidents for this long (otherwise the first day opens one incident per
 *                                   error that already existed)
 * @param quietFor                   a new error's incident clears once the error has not recurred for this long
 * @param maxFingerprintsPerService  known errors kept per service; beyond it the least recently seen is
 *                                   forgotten (and would count as new if it came back)
 */
@ConfigurationProperties("sentinel.detector.novelty")
public record NoveltyProperties(@DefaultValue("10m") Duration learnFor, @DefaultValue("1h") Duration quietFor,
                                @DefaultValue("10000") int maxFingerprintsPerService) {

    public NoveltyProperties {
        if (learnFor == null || learnFor.isNegative()) {
            throw new IllegalArgumentException("sentinel.detector.novelty.learn-for must not be negative, was " + learnFor);
        }
        if (quietFor == null || quietFor.isNegative() || quietFor.isZero()) {
            throw new IllegalArgumentException("sentinel.detector.novelty.quiet-for must be positive, was " + quietFor);
        }
        if (maxFingerprintsPerService < 1) {
            throw new IllegalArgumentException(
                    "sentinel.detector.novelty.max-fingerprints-per-service must be at least 1, was " + maxFingerprintsPerService);
        }
    }
}
