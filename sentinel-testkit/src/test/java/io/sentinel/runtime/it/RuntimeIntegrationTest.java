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
import io.sentinel.testkit.KafkaBroker;
import io.sentinel.testkit.ReceivedRecord;
import io.sentinel.testkit.ServiceIntegrationTest;
import io.sentinel.testkit.TestInfrastructure;
import io.sentinel.testkit.TestKeyring;
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
            var envelope = envelope(ProbeEvents.opened("inc-once"));

            send(producer, envelope);
            send(producer, envelope);

            IncidentEscalated escalated = probe.await(IncidentEscalated.class, e -> e.incidentId().equals("inc-once"), Duration.ofSeconds(30));
            assertThat(escalated.causationId()).isEqualTo(envelope.id());
            EventEnvelope<?> reaction = probe.envelopes(IncidentEscalated.class).stream()
                    .filter(e -> e.subject().equals("inc-once")).findFirst().orElseThrow();
            assertThat(reaction.traceParent().traceId()).isEqualTo(envelope.traceParent().traceId());
            assertThat(reaction.source()).isEqualTo("detector");

            await().atMost(Duration.ofSeconds(10)).until(() -> handledCount(envelope.id()) == 1);
            // Same key, same partition: once the marker after the redelivery is handled, so was the redelivery.
            var marker = envelope(ProbeEvents.opened("inc-once"));
            send(producer, marker);
            await().atMost(Duration.ofSeconds(10)).until(() -> handledCount(marker.id()) == 1);
            assertThat(handledCount(envelope.id())).as("a redelivered event changes nothing").isEqualTo(1);
            probe.await(IncidentEscalated.class, e -> e.causationId().equals(marker.id()), Duration.ofSeconds(30));
            assertThat(probe.events(IncidentEscalated.class).stream().filter(e -> e.causationId().equals(envelope.id())))
                    .as("the reaction is published once").hasSize(1);
        }
    }

    @Test
    void deadLettersPoisonWithTheReasonAndKeepsConsuming() throws Exception {
        try (var probe = TopicProbe.allTopics(BROKER.bootstrapServers()); var producer = producer()) {
            String dlq = Topic.INCIDENTS.deadLetterTopicName();
            var valid = envelope(ProbeEvents.opened("inc-after-poison"));
            Map<String, String> headers = CODEC.headers(valid);

            // Poison from the rightful producer: signed by the detector, yet breaking the contract.
            producer.send(signed(Map.of("ce_source", "detector"), "not json".getBytes(StandardCharsets.UTF_8), "garbage")).get();
            producer.send(signed(headers, "{\"type\":\"IncidentOpened\",\"incidentId\":\"x\"}".getBytes(StandardCharsets.UTF_8), "missing-fields")).get();
            producer.send(signed(withType(headers, "io.sentinel.events.IncidentExploded"),
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

    @Test
    void refusesRecordsNotSignedByTheTopicsProducerAndKeepsConsuming() throws Exception {
        try (var probe = TopicProbe.allTopics(BROKER.bootstrapServers()); var producer = producer()) {
            String dlq = Topic.INCIDENTS.deadLetterTopicName();
            var forged = envelope(ProbeEvents.opened("inc-forged"));
            byte[] payload = CODEC.encode(forged.event());
            Map<String, String> headers = CODEC.headers(forged);

            producer.send(record(headers, payload, "unsigned")).get();
            producer.send(signedBy("gateway", headers, payload, "wrong-signer")).get();
            producer.send(signedBy("gateway", withSource(headers, "gateway"), payload, "wrong-producer")).get();
            ProducerRecord<String, byte[]> tampered = signed(headers, payload, "tampered");
            producer.send(new ProducerRecord<>(tampered.topic(), null, tampered.key(),
                    new String(payload, StandardCharsets.UTF_8).replace("inc-forged", "inc-forgex").getBytes(StandardCharsets.UTF_8),
                    tampered.headers())).get();
            ProducerRecord<String, byte[]> moved = signed(headers, payload, "moved-key");
            producer.send(new ProducerRecord<>(moved.topic(), null, "another-key", moved.value(), moved.headers())).get();
            var valid = envelope(ProbeEvents.opened("inc-after-forgeries"));
            send(producer, valid);

            List<ReceivedRecord> deadLetters = probe.awaitRecords(dlq, 5, r -> List.of("unsigned", "wrong-signer", "wrong-producer",
                    "tampered", "another-key").contains(r.key()), Duration.ofSeconds(30));
            assertThat(reason(deadLetters, "unsigned")).contains("untrusted record: the record is not signed");
            assertThat(reason(deadLetters, "wrong-signer")).contains("key 'gateway-test' belongs to gateway, not to detector");
            assertThat(reason(deadLetters, "wrong-producer")).contains("ce_source 'gateway' may not publish on sentinel.incidents.v1");
            assertThat(reason(deadLetters, "tampered")).contains("does not match the record");
            assertThat(reason(deadLetters, "another-key")).contains("does not match the record");
            probe.await(IncidentEscalated.class, e -> e.incidentId().equals("inc-after-forgeries"), Duration.ofSeconds(30));
            assertThat(probe.events(IncidentEscalated.class)).as("nothing forged was acted on")
                    .noneMatch(e -> e.incidentId().startsWith("inc-forge"));
        }
    }

    private static String reason(List<ReceivedRecord> deadLetters, String key) {
        return deadLetters.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().headers().get("x-exception-message");
    }

    private long handledCount(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from handled where event_id = :id").bind("id", eventId)
                .mapTo(Long.class).one());
    }

    private static <E extends SentinelEvent> EventEnvelope<E> envelope(E event) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), "detector", Instant.now(), TraceParent.root(), event);
    }

    private static Map<String, String> withType(Map<String, String> headers, String type) {
        var copy = new java.util.HashMap<>(headers);
        copy.put("ce_type", type);
        return copy;
    }

    private static Map<String, String> withSource(Map<String, String> headers, String source) {
        var copy = new java.util.HashMap<>(headers);
        copy.put("ce_source", source);
        return copy;
    }

    private static void send(KafkaProducer<String, byte[]> producer, EventEnvelope<?> envelope) throws Exception {
        producer.send(signed(CODEC.headers(envelope), CODEC.encode(envelope.event()), envelope.key())).get();
    }

    /** Signed by the incidents topic's producer, the detector. */
    private static ProducerRecord<String, byte[]> signed(Map<String, String> headers, byte[] value, String key) {
        return signedBy("detector", headers, value, key);
    }

    private static ProducerRecord<String, byte[]> signedBy(String signer, Map<String, String> headers, byte[] value, String key) {
        return record(TestKeyring.signer(signer).sign(Topic.INCIDENTS.topicName(), key, headers, value), value, key);
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
