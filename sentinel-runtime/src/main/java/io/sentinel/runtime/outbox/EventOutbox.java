package io.sentinel.runtime.outbox;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.events.TraceParent;
import io.sentinel.runtime.kafka.EventEnvelopes;
import io.sentinel.runtime.kafka.EventRecord;
import io.sentinel.runtime.kafka.EventRecords;
import io.sentinel.runtime.tracing.PipelineTracing;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events as part of a database transaction: the event is stored with the state change
 * that caused it and relayed to Kafka once the transaction commits. If the transaction rolls back,
 * the event was never published; if the service dies after the commit, the relay publishes it on
 * restart.
 */
public final class EventOutbox {

    private final EventEnvelopes envelopes;
    private final EventRecords records;
    private final JsonMapper json;
    private final OutboxRelay relay;
    private final PipelineTracing tracing;

    public EventOutbox(EventEnvelopes envelopes, EventRecords records, JsonMapper json, OutboxRelay relay, PipelineTracing tracing) {
        this.envelopes = envelopes;
        this.records = records;
        this.json = json;
        this.relay = relay;
        this.tracing = tracing;
    }

    /**
     * Adds an event to the transaction open on {@code handle}. Publishing the same event id twice
     * stores it once. The event's span ({@code <topic> create}) takes the ids of {@code trace} and
     * ends with the transaction; the envelope returned carries what the record carries.
     *
     * @param eventId a deterministic id where the publication may be repeated (see {@code EventIds})
     * @param trace   the trace the event belongs to (its cause's, or an incident's)
     */
    public <E extends SentinelEvent> EventEnvelope<E> publish(Handle handle, E event, String eventId, TraceParent trace) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("events are published inside a transaction, with the state change that caused them");
        }
        PipelineTracing.Publication publication = tracing.create(Topic.of(event).topicName(), event, eventId, trace);
        handle.afterCommit(publication.span()::close);
        handle.afterRollback(() -> {
            publication.span().fail("the transaction rolled back: the event was not published");
            publication.span().close();
        });
        EventEnvelope<E> envelope = envelopes.wrap(event, eventId, publication.traceParent());
        EventRecord record = records.of(envelope);
        handle.createUpdate("""
                        insert into outbox (event_id, topic, record_key, headers, payload)
                        values (:eventId, :topic, :key, cast(:headers as jsonb), :payload)
                        on conflict (event_id) do nothing""")
                .bind("eventId", record.eventId())
                .bind("topic", record.topic())
                .bind("key", record.key())
                .bind("headers", json.writeValueAsString(record.headers()))
                .bind("payload", record.payload())
                .execute();
        handle.afterCommit(relay::wakeUp);
        return envelope;
    }

    static Map<String, String> readHeaders(JsonMapper json, String headers) {
        return json.readValue(headers, json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }
}
