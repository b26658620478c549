package io.sentinel.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends event records and reports, per record, whether the broker acknowledged it. Idempotent and
 * {@code acks=all}, so an acknowledged record is durable and a retried one is not duplicated by the
 * producer itself.
 */
public final class EventProducer implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private KafkaClientMetrics metrics;

    public EventProducer(Map<String, Object> kafkaProducerProperties) {
        Map<String, Object> properties = new java.util.HashMap<>(kafkaProducerProperties);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(properties);
    }

    EventProducer(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Reports the producer's own metrics ({@code kafka_producer_*}: send rate, errors, retries,
     * request latency) to {@code meters} until it is closed.
     */
    public EventProducer measuredBy(MeterRegistry meters, String name) {
        // The tag Spring Kafka's producers carry too: meters of one name must have the same tags.
        metrics = new KafkaClientMetrics(producer, Tags.of("spring.id", name));
        metrics.bindTo(meters);
        return this;
    }

    /**
     * Sends the records in order and waits for them. Returns how many leading records were
     * acknowledged: records after the first failure are treated as unsent, so a retry cannot put
     * one incident's events out of order.
     */
    public int sendInOrder(List<EventRecord> records, Duration timeout) {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (EventRecord record : records) {
            var ack = new CompletableFuture<RecordMetadata>();
            try {
                producer.send(record.toProducerRecord(), (metadata, error) -> {
                    if (error != null) {
                        ack.completeExceptionally(error);
                    } else {
                        ack.complete(metadata);
                    }
                });
            } catch (RuntimeException e) {
                ack.completeExceptionally(e);
            }
            acks.add(ack);
        }
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        int acknowledged = 0;
        for (var ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException | TimeoutException e) {
                return acknowledged;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return acknowledged;
            }
        }
        return acknowledged;
    }

    /** Sends and waits; throws if the broker did not acknowledge every record. */
    public void sendAll(List<EventRecord> records, Duration timeout) {
        int acknowledged = sendInOrder(records, timeout);
        if (acknowledged < records.size()) {
            throw new EventPublicationException(
                    "Kafka acknowledged " + acknowledged + " of " + records.size() + " records within " + timeout);
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
