package io.sentinel.notifier.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dispatchInterval how often the dispatcher looks for due deliveries; it is also woken as soon
 *                         as one is queued, so this bounds retries and catch-up after a restart
 * @param maxAttempts      attempts per delivery before it is given up as FAILED
 * @param requestTimeout   how long a receiver may take to answer one attempt
 */
@ConfigurationProperties("sentinel.notifier")
public record DeliveryProperties(@DefaultValue("500ms") Duration dispatchInterval,
                                 @DefaultValue("8") int maxAttempts,
                                 @DefaultValue("10s") Duration requestTimeout) {

    public DeliveryProperties {
        if (dispatchInterval == null || dispatchInterval.isNegative() || dispatchInterval.isZero()) {
            throw new IllegalArgumentException("sentinel.notifier.dispatch-interval must be positive, was " + dispatchInterval);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sentinel.notifier.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("sentinel.notifier.request-timeout must be positive, was " + requestTimeout);
        }
    }
}
