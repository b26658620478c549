package io.sentinel.notifier.delivery;

import java.time.Instant;

/**
 * A notification on its way to one webhook.
 *
 * @param kind     the wire name, e.g. {@code incident.opened}
 * @param payload  the JSON body, exactly as it is sent and signed
 * @param attempts attempts made so far
 */
public record Delivery(String deliveryId, String eventId, String webhook, String kind, String payload, int attempts, Instant createdAt) {
}
