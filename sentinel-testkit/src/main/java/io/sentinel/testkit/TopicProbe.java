package io.sentinel.testkit;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventContractViolation;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning, in the background, and lets a test wait for what it expects.
 * It joins no consumer group, so it never steals records from the services under test.
 */
public final class TopicProbe implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final List<ReceivedRecord> received = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    public TopicProbe(String bootstrapServers, Collection<String> topics) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A probe must observe topics, never create them (with the wrong settings) by looking.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("topic " + topic + " does not exist; provision topics before probing them");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().daemon().name("topic-probe").start(this::poll);
    }

    /** Every Sentinel topic and every dead-letter topic. */
    public static TopicProbe allTopics(String bootstrapServers) {
        List<String> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(topic.topicName());
            topics.add(topic.deadLetterTopicName());
        }
        return new TopicProbe(bootstrapServers, topics);
    }

    public List<ReceivedRecord> records(String topic) {
        return received.stream().filter(record -> record.topic().equals(topic)).toList();
    }

    public <E extends SentinelEvent> List<E> events(Class<E> type) {
        return received.stream().map(ReceivedRecord::event).filter(type::isInstance).map(type::cast).toList();
    }

    public <E extends SentinelEvent> List<EventEnvelope<?>> envelopes(Class<E> type) {
        return received.stream().filter(record -> type.isInstance(record.event())).<EventEnvelope<?>>map(ReceivedRecord::envelope).toList();
    }

    /** Waits until an event of the type satisfying the condition arrives; fails with what did arrive. */
    public <E extends SentinelEvent> E await(Class<E> type, Predicate<E> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<E> match = events(type).stream().filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            sleep();
        }
        throw new AssertionError("no " + type.getSimpleName() + " matching the condition within " + timeout
                + "; received " + events(type).size() + " of that type: " + events(type));
    }

    /** Waits until the topic holds at least {@code count} records satisfying the condition. */
    public List<ReceivedRecord> awaitRecords(String topic, int count, Predicate<ReceivedRecord> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedRecord> matches = List.of();
        while (System.nanoTime() < deadline) {
            matches = records(topic).stream().filter(condition).toList();
            if (matches.size() >= count) {
                return matches;
            }
            sleep();
        }
        throw new AssertionError("expected " + count + " records on " + topic + " within " + timeout + ", found " + matches.size()
                + " matching of " + records(topic).size() + ": " + records(topic).stream().map(ReceivedRecord::headers).toList());
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    received.add(toReceived(record));
                }
            }
        }
    }

    private ReceivedRecord toReceived(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        EventEnvelope<?> envelope = Topic.byName(record.topic())
                .flatMap(topic -> decode(topic, headers, record.value()))
                .orElse(null);
        return new ReceivedRecord(record.topic(), record.key(), headers, record.value(), envelope);
    }

    private Optional<EventEnvelope<?>> decode(Topic topic, Map<String, String> headers, byte[] value) {
        try {
            return Optional.of(codec.read(topic, topic.family(), headers::get, value));
        } catch (EventContractViolation e) {
            return Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
