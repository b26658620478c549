package io.sentinel.runtime.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often the relay looks for unpublished events when nobody woke it up (after
 *                     a crash, or when another replica wrote them)
 * @param batchSize    events sent per round trip
 * @param sendTimeout  how long a batch may wait for the broker before the relay retries it
 */
@ConfigurationProperties("sentinel.outbox")
public record OutboxProperties(@DefaultValue("500ms") Duration pollInterval,
                               @DefaultValue("500") int batchSize,
                               @DefaultValue("15s") Duration sendTimeout) {

    public OutboxProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("sentinel.outbox.batch-size must be at least 1, was " + batchSize);
        }
    }
}
