package io.sentinel.gateway.silences;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the silences API.
 *
 * @param maxDuration  the longest a silence created through the API may last, start to end; quiet
 *                     for longer belongs in a reviewed change of the rules
 * @param keepExpired  silences that ended longer ago than this are dropped from {@code detector.silences}
 *                     whenever the API changes it, so the setting does not grow without end
 */
@ConfigurationProperties("sentinel.gateway.silences")
public record SilenceProperties(@DefaultValue("7d") Duration maxDuration, @DefaultValue("24h") Duration keepExpired) {

    public SilenceProperties {
        maxDuration = maxDuration == null ? Duration.ofDays(7) : maxDuration;
        keepExpired = keepExpired == null ? Duration.ofHours(24) : keepExpired;
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("sentinel.gateway.silences.max-duration must be positive, was " + maxDuration);
        }
        if (keepExpired.isNegative()) {
            throw new IllegalArgumentException("sentinel.gateway.silences.keep-expired must not be negative, was " + keepExpired);
        }
    }
}
