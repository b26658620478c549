package io.sentinel.executor.verification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read by {@link VerificationDeadlines}' {@code @Scheduled} through its property; bound here so a bad
 * value stops the service at start-up with a message naming the property.
 *
 * @param checkInterval how often executions still waiting for their condition to clear are checked
 *                      against their deadline; a late verdict is at most this late
 */
@ConfigurationProperties("sentinel.executor.verification")
public record VerificationProperties(@DefaultValue("1s") Duration checkInterval) {

    public VerificationProperties {
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("sentinel.executor.verification.check-interval must be positive, was " + checkInterval);
        }
    }
}
