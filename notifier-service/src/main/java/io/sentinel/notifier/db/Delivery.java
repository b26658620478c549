package io.sentinel.notifier.db;

import java.time.Instant;

/**
 * A notification on its way to one channel: a row of the notifier's delivery outbox.
 *
 * @param channel  the name of the channel it goes to
 * @param kind     the wire name, e.g. {@code incident.opened}
 * @param payload  the JSON payload, as stored (jsonb)
 * @param attempts attempts made so far; they persist, so a restart continues the back-off rather than
 *                 starting it over
 */
public record Delivery(String deliveryId, String eventId, String channel, String kind, String payload, int attempts, Instant createdAt) {
}
