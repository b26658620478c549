package io.sentinel.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.testkit.KafkaBroker;
import io.sentinel.testkit.ServiceIntegrationTest;
import io.sentinel.testkit.TestInfrastructure;
import io.sentinel.testkit.ReceivedRecord;
import io.sentinel.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(classes = ProbeApplication.class)
@ActiveProfiles("runtime-it")
class RuntimeIntegrationTest extends ServiceIntegrationTest {

    private static final KafkaBroker BROKER = TestInfrastructure.broker();
    private static final EventCodec CODEC = new EventCodec();

    @Autowired
    Jdbi jdbi;

    @Test
    void handlesAnEventOnceAndPublishesTheReactionInTheSameTrace() throws Exception {
        try (var probe = TopicProbe.allTopics(BROKER.bootstrapServers()); var producer = producer()) {
            var envelope = envelope(opened("inc-once"));

            send(producer, envelope);
            send(producer, envelope);

            IncidentEscalated escalated = probe.await(IncidentEscalated.class, e -> e.incidentId().equals("inc-once"), Duration.ofSeconds(30));
            assertThat(escalated.causationId()).isEqualTo(envelope.id());
            EventEnvelope<?> reaction = probe.envelopes(IncidentEscalated.class).stream()
                    .filter(e -> e.subject().equals("inc-once")).findFirst().orElseThrow();
            assertThat(reaction.traceParent().traceId()).isEqualTo(envelope.traceParent().traceId());
            assertThat(reaction.source()).isEqualTo("probe");

            await().atMost(Duration.ofSeconds(10)).until(() -> handledCount(envelope.id()) == 1);
            Thread.sleep(1_000);
            assertThat(handledCount(envelope.id())).as("a redelivered event changes nothing").isEqualTo(1);
            assertThat(probe.events(IncidentEscalated.class).stream().filter(e -> e.incidentId().equals("inc-once")))
                    .as("the reaction is published once").hasSize(1);
        }
    }

    @Test
    void deadLettersPoisonWithTheReasonAndKeepsConsuming() throws Exception {
        try (var probe = TopicProbe.allTopics(BROKER.bootstrapServers()); var producer = producer()) {
            String dlq = Topic.INCIDENTS.deadLetterTopicName();
            var valid = envelope(opened("inc-after-poison"));
            Map<String, String> headers = CODEC.headers(valid);

            producer.send(record(Map.of(), "not json".getBytes(StandardCharsets.UTF_8), "garbage")).get();
            producer.send(record(headers, "{\"type\":\"IncidentOpened\",\"incidentId\":\"x\"}".getBytes(StandardCharsets.UTF_8), "missing-fields")).get();
            producer.send(record(withType(headers, "io.sentinel.events.IncidentExploded"),
                    "{\"type\":\"IncidentExploded\",\"incidentId\":\"x\",\"causationId\":\"c\"}".getBytes(StandardCharsets.UTF_8), "unknown-type")).get();
            send(producer, valid);

            List<ReceivedRecord> deadLetters = probe.awaitRecords(dlq, 3, r -> true, Duration.ofSeconds(30));
            assertThat(reason(deadLetters, "garbage")).contains("missing required header 'ce_id'");
            assertThat(reason(deadLetters, "missing-fields")).contains("IncidentOpened is invalid: missing required field 'causationId'");
            assertThat(reason(deadLetters, "unknown-type")).contains("unknown event type 'IncidentExploded'");
            assertThat(deadLetters).allSatisfy(r -> assertThat(r.headers()).containsEntry("x-original-topic", Topic.INCIDENTS.topicName()));

            probe.await(IncidentEscalated.class, e -> e.incidentId().equals("inc-after-poison"), Duration.ofSeconds(30));
        }
    }

    private static String reason(List<ReceivedRecord> deadLetters, String key) {
        return deadLetters.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().headers().get("x-exception-message");
    }

    private long handledCount(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from handled where event_id = :id").bind("id", eventId)
                .mapTo(Long.class).one());
    }

    private static IncidentOpened opened(String incidentId) {
        Instant now = Instant.now();
        return new IncidentOpened(incidentId, UUID.randomUUID().toString(), "fp-" + incidentId, "memory-usage-high", "Memory high",
                Severity.WARNING, "shop", Map.of(), new Observation("memory_usage_ratio", 0.7, 0.6, null, now), now);
    }

    private static <E extends SentinelEvent> EventEnvelope<E> envelope(E event) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), "test", Instant.now(), TraceParent.root(), event);
    }

    private static Map<String, String> withType(Map<String, String> headers, String type) {
        var copy = new java.util.HashMap<>(headers);
        copy.put("ce_type", type);
        return copy;
    }

    private static void send(KafkaProducer<String, byte[]> producer, EventEnvelope<?> envelope) throws Exception {
        producer.send(record(CODEC.headers(envelope), CODEC.encode(envelope.event()), envelope.key())).get();
    }

    private static ProducerRecord<String, byte[]> record(Map<String, String> headers, byte[] value, String key) {
        var record = new ProducerRecord<>(Topic.INCIDENTS.topicName(), key, value);
        headers.forEach((name, text) -> record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", BROKER.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }
}
