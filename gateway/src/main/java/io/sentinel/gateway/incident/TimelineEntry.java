package io.sentinel.gateway.incident;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One event in an incident's history.
 *
 * @param type   the event's type name, e.g. {@code ApprovalRequested}
 * @param source the service that published it
 * @param detail the event itself, as it travelled
 */
public record TimelineEntry(String eventId, Instant occurredAt, String type, String source, String summary, JsonNode detail,
                            String traceId) {
}
