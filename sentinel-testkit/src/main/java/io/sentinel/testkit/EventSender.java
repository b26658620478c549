package io.sentinel.testkit;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events (or deliberately broken records) the way a Sentinel service would, and waits for the ack. */
public final class EventSender implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
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
        sendRaw(envelope.topic().topicName(), envelope.key(), codec.headers(envelope), codec.encode(envelope.event()));
        return envelope;
    }

    /** Sends many events at once (new envelopes each) and waits until the broker acknowledged all of them. */
    public <E extends SentinelEvent> void sendAll(java.util.List<E> events) {
        var acks = new java.util.ArrayList<java.util.concurrent.Future<?>>(events.size());
        for (E event : events) {
            var envelope = new EventEnvelope<>(EventIds.random(), source, Instant.now(), TraceParent.root(), event);
            var record = new ProducerRecord<>(envelope.topic().topicName(), envelope.key(), codec.encode(event));
            codec.headers(envelope).forEach((name, text) -> record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
            acks.add(producer.send(record));
        }
        producer.flush();
        for (var ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("broker refused a record: " + e.getCause().getMessage(), e);
            }
        }
    }

    public void sendRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker refused the record: " + e.getCause().getMessage(), e);
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
