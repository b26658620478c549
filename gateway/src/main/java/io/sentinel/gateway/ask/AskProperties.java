package io.sentinel.gateway.ask;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code POST /api/ask}: how long a question waits for its answer and how many may wait at once.
 *
 * @param timeout from the question to the end of its answer; then the stream ends with
 *                {@code event: error}. The analyzer's own model time limit should be shorter
 * @param maxOpen questions waiting for their answers at once on this instance; beyond it a question
 *                is answered 503, so that a flood of questions cannot hold the gateway's threads
 */
@ConfigurationProperties(AskProperties.PREFIX)
public record AskProperties(@DefaultValue("60s") Duration timeout, @DefaultValue("100") int maxOpen) {

    static final String PREFIX = "sentinel.gateway.ask";

    public AskProperties {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".timeout must be a positive duration, e.g. 60s, was " + timeout);
        }
        if (maxOpen < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-open must be at least 1, was " + maxOpen);
        }
    }
}
