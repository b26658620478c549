package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.detector.DetectorApplication;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.testkit.ConsumerLag;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.ServiceIntegrationTest;
import io.sentinel.testkit.TestInfrastructure;
import io.sentinel.testkit.TestKeyring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A detector stopped and started again keeps its clocks and its incidents: a pending "for:" carries
 * on, an open incident is not opened again. It runs under its own identity (source, schema, consumer
 * group), so the detector the other test classes share cannot answer for it.
 */
class DetectorRestartTest extends ServiceIntegrationTest {

    private static final String IDENTITY = "restarted";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    @SuppressWarnings("try") // the running detector is the point of each block, not a variable in it
    void aRestartNeitherResetsThePendingClockNorReopensTheIncident() throws Exception {
        startGroupAtTheEnd();
        try (var detector = start()) {
            memory(0.90, 0);
            memory(0.90, 1);
            awaitConsumed();
        }
        try (var detector = start()) {
            memory(0.90, 2);
            IncidentOpened opened = awaitOpened();
            assertThat(opened.openedAt()).as("held since t=0 across the restart, so 'for: 2s' is met at t=2").isEqualTo(T0.plusSeconds(2));
        }
        try (var detector = start()) {
            memory(0.95, 5);
            memory(0.40, 6);
            String incidentId = awaitOpened().incidentId();
            EventEnvelope<?> cleared = await().atMost(WAIT).until(() -> probe.envelopes(ConditionCleared.class).stream()
                    .filter(envelope -> envelope.source().equals(IDENTITY) && incidentId.equals(envelope.subject())).findFirst(),
                    Optional::isPresent).orElseThrow();
            // The executor's verdict on the clearing: the only thing that ends an incident (ADR 0009).
            sender.send(new ClearedWithoutRemediation(incidentId, cleared.id(), ((ConditionCleared) cleared.event()).clearedAt()));
            IncidentResolved resolved = probe.await(IncidentResolved.class, e -> e.incidentId().equals(incidentId), WAIT);
            assertThat(resolved).isNotNull();
            assertThat(ours(IncidentOpened.class)).as("the breach after the restart was counted, not re-opened").hasSize(1);
        }
    }

    /**
     * A new consumer group would replay every signal this JVM's other tests sent (thousands of alerts);
     * this detector is about "from now on", so its group starts at the topics' current end.
     */
    private static void startGroupAtTheEnd() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            for (Topic topic : List.of(Topic.SIGNALS, Topic.EXECUTIONS)) {
                var partitions = admin.describeTopics(List.of(topic.topicName())).allTopicNames().get().get(topic.topicName()).partitions()
                        .stream().map(info -> new TopicPartition(topic.topicName(), info.partition()))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                admin.listOffsets(partitions).all().get()
                        .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
            }
            admin.alterConsumerGroupOffsets(IDENTITY, ends).all().get();
        }
    }

    private static ConfigurableApplicationContext start() {
        DatabaseCoordinates db = TestInfrastructure.database();
        List<String> arguments = new ArrayList<>(TestKeyring.arguments().stream()
                .filter(argument -> !argument.startsWith("--sentinel.signing.key-id=") && !argument.startsWith("--sentinel.signing.private-key="))
                .toList());
        // Another identity, but the incidents topic believes only the detector's key: it signs as the detector.
        arguments.add("--sentinel.signing.key-id=" + TestKeyring.keyId("detector"));
        arguments.add("--sentinel.signing.private-key=" + TestKeyring.privateKeyPem("detector"));
        arguments.addAll(List.of(
                "--sentinel.service.name=" + IDENTITY,
                "--spring.flyway.locations=classpath:db/migration/detector,classpath:db/migration/runtime",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--management.server.port=0",
                // One test broker: one copy of each record (what TestInfrastructure gives the shared detector).
                "--sentinel.kafka.replication-factor=1",
                "--sentinel.kafka.min-insync-replicas=1",
                "--sentinel.outbox.poll-interval=200ms",
                "--sentinel.detector.threshold.rules[0].name=memory-usage-high",
                "--sentinel.detector.threshold.rules[0].signal=memory_usage_ratio",
                "--sentinel.detector.threshold.rules[0].above=0.60",
                "--sentinel.detector.threshold.rules[0].clear-below=0.55",
                "--sentinel.detector.threshold.rules[0].for=2s"));
        return DetectorApplication.application().run(arguments.toArray(String[]::new));
    }

    private static IncidentOpened awaitOpened() {
        return await().atMost(WAIT).alias("the restarted detector opens an incident for restart-svc")
                .until(() -> ours(IncidentOpened.class), opened -> !opened.isEmpty()).getFirst();
    }

    /** Events the detector under test published about its resource; the shared test detector publishes as "detector". */
    private static <E extends SentinelEvent> List<E> ours(Class<E> type) {
        return probe.envelopes(type).stream()
                .filter(envelope -> envelope.source().equals(IDENTITY))
                .map(EventEnvelope::event).map(type::cast)
                .filter(event -> !(event instanceof IncidentOpened opened) || opened.resource().equals("restart-svc"))
                .toList();
    }

    private static void awaitConsumed() {
        ConsumerLag.awaitCaughtUp(bootstrapServers(), IDENTITY, Topic.SIGNALS.topicName(), WAIT);
    }

    private static void memory(double ratio, int second) {
        Instant at = T0.plusSeconds(second);
        sender.send(new MetricBatch("scrape", "restart-svc", Map.of(), at, List.of(new MetricSample("memory_usage_ratio", Map.of(), ratio, at)), null));
    }
}
