package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Something that is supposed to happen regularly (a nightly backup, a cron job) said it did.
 *
 * @param resource the heartbeat's name
 * @param every    how often it is expected, when the sender says; else the detector's configuration decides
 * @param grace    how late it may be before it counts as missed, when the sender says
 */
public record HeartbeatReceived(String resource, Map<String, String> labels, Duration every, Duration grace, Instant receivedAt)
        implements SignalEvent {

    public HeartbeatReceived {
        EventFields.requireText(resource, "resource");
        labels = EventFields.copyOf(labels);
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new IllegalArgumentException("field 'every' must be positive, was " + every);
        }
        if (grace != null && grace.isNegative()) {
            throw new IllegalArgumentException("field 'grace' must not be negative, was " + grace);
        }
        EventFields.require(receivedAt, "receivedAt");
    }
}
