package io.sentinel.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What this machine's broker does with nothing of Sentinel's in the way, with the same durability
 * settings as Sentinel's producer (acks=all, idempotent) and 1 KB records: how many records a
 * producer gets acknowledged per second when it sends as fast as it can, and how long a record takes
 * from send to consumer when records are paced (1,000/s), so latency is transport, not queueing.
 * Everything Sentinel measures is reported as a ratio to these figures.
 */
final class RawKafkaBaseline {

    record Result(double producerRecordsPerSecond, Percentiles endToEnd) {
    }

    static Result measure(String bootstrapServers, int records) throws Exception {
        return new Result(throughput(bootstrapServers, records), latency(bootstrapServers, Math.min(records, 10_000)));
    }

    private static double throughput(String bootstrapServers, int records) throws Exception {
        String topic = newTopic(bootstrapServers);
        long start = System.nanoTime();
        try (var producer = producer(bootstrapServers)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), new byte[1024]));
            }
            producer.flush();
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static Percentiles latency(String bootstrapServers, int records) throws Exception {
        String topic = newTopic(bootstrapServers);
        var consumed = new long[records];
        var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        Thread reader = Thread.ofPlatform().name("bench-raw-consumer").start(() -> {
            int seen = 0;
            try (consumer) {
                while (seen < records) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        consumed[seen++] = System.nanoTime() - ByteBuffer.wrap(record.value()).getLong();
                    }
                }
            }
        });
        Thread.sleep(3_000); // let the consumer join before the first record
        try (var producer = producer(bootstrapServers)) {
            for (int i = 0; i < records; i++) {
                byte[] value = new byte[1024];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>(topic, key(i), value));
                LockSupport.parkNanos(1_000_000);
            }
            producer.flush();
        }
        reader.join(120_000);
        return Percentiles.of(consumed);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String newTopic(String bootstrapServers) throws Exception {
        String topic = "bench.raw." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        return topic;
    }

    private static byte[] key(int i) {
        return Integer.toString(i % 64).getBytes();
    }

    private RawKafkaBaseline() {
    }
}
