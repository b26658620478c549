package io.sentinel.testkit;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import io.sentinel.runtime.kafka.EventRecord;
import io.sentinel.runtime.kafka.EventRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events (or deliberately broken records) the way a Sentinel service would, and waits for the ack. */
public final class EventSender implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final EventRecords records = new EventRecords(codec);
    private final KafkaProducer<String, byte[]> producer;
    private final String source;

    public EventSender(String bootstrapServers, String source) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        this.source = source;
    }

    /** Sends the event in a new envelope (random id, new trace) and returns the envelope. */
    public <E extends SentinelEvent> EventEnvelope<E> send(E event) {
        return send(new EventEnvelope<>(EventIds.random(), source, Instant.now(), TraceParent.root(), event));
    }

    /** Sends exactly this envelope; sending it twice is how a test redelivers an event. */
    public <E extends SentinelEvent> EventEnvelope<E> send(EventEnvelope<E> envelope) {
        awaitAck(producer.send(records.of(envelope).toProducerRecord()));
        return envelope;
    }

    /** Sends many events at once (new envelopes each) and waits until the broker acknowledged all of them. */
    public <E extends SentinelEvent> void sendAll(java.util.List<E> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (E event : events) {
            var envelope = new EventEnvelope<>(EventIds.random(), source, Instant.now(), TraceParent.root(), event);
            acks.add(producer.send(records.of(envelope).toProducerRecord()));
        }
        producer.flush();
        acks.forEach(EventSender::awaitAck);
    }

    /** Sends a record as given, headers and all: how tests deliver what breaks the contract. */
    public void sendRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        awaitAck(producer.send(new EventRecord(null, topic, key, headers, value).toProducerRecord()));
    }

    private static void awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker refused a record: " + e.getCause().getMessage(), e);
        }
    }

    public EventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        producer.close();
    }
}
