package io.sentinel.testkit;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import java.util.Map;

/**
 * A record read back from a topic: its raw form, and the decoded envelope when it is a valid event.
 *
 * @param envelope null for records that do not decode (what dead-letter topics hold)
 */
public record ReceivedRecord(String topic, String key, Map<String, String> headers, byte[] value, EventEnvelope<?> envelope) {

    public SentinelEvent event() {
        return envelope == null ? null : envelope.event();
    }
}
