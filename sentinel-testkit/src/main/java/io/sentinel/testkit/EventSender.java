package io.sentinel.testkit;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
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

/**
 * Publishes events (or deliberately broken records) the way a Sentinel service would, and waits for
 * the ack. Each event is published and signed as its topic's producer (a vote as the gateway, a
 * decision as the policy service), with that service's test key; {@link #as} and {@link #sendRaw}
 * are for tests that play someone else.
 */
public final class EventSender implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    public EventSender(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the event in a new envelope (random id, new trace) and returns the envelope. */
    public <E extends SentinelEvent> EventEnvelope<E> send(E event) {
        return send(envelope(event));
    }

    /** Sends exactly this envelope, signed by its source; sending it twice is how a test redelivers an event. */
    public <E extends SentinelEvent> EventEnvelope<E> send(EventEnvelope<E> envelope) {
        awaitAck(producer.send(recordOf(envelope, envelope.source()).toProducerRecord()));
        return envelope;
    }

    /**
     * Sends the event as {@code source} says it comes from, signed with {@code signer}'s test key:
     * a service publishing on a topic it does not own, or claiming to be another.
     */
    public <E extends SentinelEvent> EventEnvelope<E> sendAs(String source, String signer, E event) {
        var envelope = new EventEnvelope<>(EventIds.random(), source, Instant.now(), TraceParent.root(), event);
        awaitAck(producer.send(recordOf(envelope, signer).toProducerRecord()));
        return envelope;
    }

    /** Sends many events at once (new envelopes each) and waits until the broker acknowledged all of them. */
    public <E extends SentinelEvent> void sendAll(List<E> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (E event : events) {
            EventEnvelope<E> envelope = envelope(event);
            acks.add(producer.send(recordOf(envelope, envelope.source()).toProducerRecord()));
        }
        producer.flush();
        acks.forEach(EventSender::awaitAck);
    }

    /** The record this sender would send for an envelope, signed by {@code signer}: for tests that tamper with it. */
    public EventRecord recordOf(EventEnvelope<?> envelope, String signer) {
        return new EventRecords(codec, TestKeyring.signer(signer)).of(envelope);
    }

    private static <E extends SentinelEvent> EventEnvelope<E> envelope(E event) {
        return new EventEnvelope<>(EventIds.random(), Topic.of(event).producer(), Instant.now(), TraceParent.root(), event);
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
