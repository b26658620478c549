package io.sentinel.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.Topic;
import io.sentinel.events.TraceParent;
import io.sentinel.runtime.config.KafkaTopicProperties;
import io.sentinel.runtime.kafka.EventRecords;
import io.sentinel.runtime.kafka.TopicProvisioner;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.TestInfrastructure;
import io.sentinel.testkit.TestKeyring;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service against a broker that demands SASL authentication, configured the way a deployment
 * does it: only through the SENTINEL_KAFKA_* settings. Its consumers, its outbox producer and its
 * topic provisioning all authenticate; with a wrong password it refuses to start and says why.
 */
class KafkaSecurityIntegrationTest {

    private static final String USER = JaasUtils.KAFKA_PLAIN_ADMIN;
    private static final String PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startASaslBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build())
                // Authentication is what is under test; the broker authorizes nothing on top of it.
                .setConfigProp("authorizer.class.name", "")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Map<String, Object> admin = new HashMap<>(clientProperties(PASSWORD));
        new TopicProvisioner(admin, KafkaTopicProperties.singleBroker()).provision();
    }

    @AfterAll
    static void stopTheBroker() throws Exception {
        cluster.close();
    }

    @Test
    void aServiceConsumesAndPublishesOnlyAfterAuthenticatingWithTheConfiguredCredentials() throws Exception {
        try (ConfigurableApplicationContext service = start(PASSWORD);
             var producer = new KafkaProducer<>(clientProperties(PASSWORD), new StringSerializer(), new ByteArraySerializer());
             var consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            String incidentId = "inc-sasl-" + UUID.randomUUID();
            var envelope = new EventEnvelope<>(EventIds.random(), "detector", Instant.now(), TraceParent.root(),
                    ProbeEvents.opened(incidentId));
            producer.send(new EventRecords(new EventCodec(), TestKeyring.signer("detector")).of(envelope).toProducerRecord()).get();

            await().atMost(Duration.ofSeconds(60)).until(() -> ProbeEvents.handled("probe_sasl", envelope.id()));
            consumer.subscribe(List.of(Topic.INCIDENTS.topicName()));
            List<String> escalated = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    String type = new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    if (type.endsWith("IncidentEscalated") && incidentId.equals(record.key())) {
                        escalated.add(record.key());
                    }
                });
                return !escalated.isEmpty();
            });
            assertThat(escalated).as("the reaction left the outbox over the authenticated producer").containsExactly(incidentId);
        }
    }

    @Test
    void refusesToStartWithAWrongPasswordAndSaysWhy() {
        assertThatThrownBy(() -> start("not-the-password").close())
                .hasStackTraceContaining("refused to list topics")
                .hasStackTraceContaining("SENTINEL_KAFKA_SASL");
    }

    private static ConfigurableApplicationContext start(String password) {
        DatabaseCoordinates db = TestInfrastructure.database();
        List<String> args = new ArrayList<>(TestKeyring.arguments());
        args.addAll(List.of(
                "--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--SENTINEL_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT",
                "--SENTINEL_KAFKA_SASL_MECHANISM=PLAIN",
                "--SENTINEL_KAFKA_SASL_USERNAME=" + USER,
                "--SENTINEL_KAFKA_SASL_PASSWORD=" + password,
                "--sentinel.kafka.replication-factor=1",
                "--sentinel.kafka.min-insync-replicas=1",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--sentinel.db.schema=probe_sasl",
                "--spring.cloud.stream.default.group=probe-sasl",
                "--server.port=0",
                "--management.server.port=0",
                "--spring.main.banner-mode=off"));
        return new SpringApplicationBuilder(ProbeApplication.class).profiles("runtime-it").run(args.toArray(String[]::new));
    }

    private static Map<String, Object> clientProperties(String password) {
        return Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
                        + "\" password=\"" + password + "\";");
    }

    private static Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties(PASSWORD));
        properties.put("group.id", "sasl-test-" + UUID.randomUUID());
        properties.put("auto.offset.reset", "earliest");
        return properties;
    }
}
