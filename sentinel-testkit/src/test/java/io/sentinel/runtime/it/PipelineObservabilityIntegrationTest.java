package io.sentinel.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.Topic;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.runtime.tracing.SpanAttributes;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** What the runtime tells about the pipeline: its spans (one trace across a reaction) and its metrics. */
@SpringBootTest(classes = ProbeApplication.class)
@ActiveProfiles("runtime-it")
class PipelineObservabilityIntegrationTest extends ServiceIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Test
    void anEventItsHandlingAndItsReactionAreOneTraceWhoseIdsTheRecordsCarry() {
        EventEnvelope<IncidentOpened> sent = sender.send(ProbeEvents.opened("inc-traced"));

        probe.await(IncidentEscalated.class, e -> e.incidentId().equals("inc-traced"), TIMEOUT);
        EventEnvelope<?> reaction = probe.envelopes(IncidentEscalated.class).stream()
                .filter(e -> "inc-traced".equals(e.subject())).findFirst().orElseThrow();

        String topic = Topic.INCIDENTS.topicName();
        SpanData process = awaitSpan(span -> span.getName().equals(topic + " process") && span.getTraceId().equals(sent.traceParent().traceId()));
        SpanData handle = awaitSpan(span -> span.getName().equals("handle IncidentOpened") && span.getParentSpanId().equals(process.getSpanId()));
        SpanData create = awaitSpan(span -> span.getName().equals(topic + " create") && span.getTraceId().equals(sent.traceParent().traceId()));
        SpanData publish = awaitSpan(span -> span.getName().equals(topic + " publish") && span.getParentSpanId().equals(create.getSpanId()));

        assertThat(process.getParentSpanId()).as("the delivery hangs from the sender's span").isEqualTo(sent.traceParent().spanId());
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getAttributes().asMap())
                .containsEntry(SpanAttributes.MESSAGING_SYSTEM, "kafka")
                .containsEntry(SpanAttributes.MESSAGING_DESTINATION, topic)
                .containsEntry(SpanAttributes.MESSAGING_OPERATION, "process")
                .containsEntry(SpanAttributes.MESSAGING_MESSAGE_ID, sent.id())
                .containsEntry(SpanAttributes.INCIDENT_ID, "inc-traced")
                .containsEntry(SpanAttributes.INBOX_OUTCOME, "processed");
        assertThat(create.getParentSpanId()).as("the reaction hangs from the handler").isEqualTo(handle.getSpanId());
        assertThat(reaction.traceParent().traceId()).isEqualTo(sent.traceParent().traceId());
        assertThat(reaction.traceParent().spanId()).as("the reaction's traceparent names its create span").isEqualTo(create.getSpanId());
        assertThat(create.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID)).isEqualTo(reaction.id());
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_OPERATION)).isEqualTo("publish");
        assertThat(publish.getStartEpochNanos()).as("relayed after the commit that ended the create span")
                .isGreaterThanOrEqualTo(create.getEndEpochNanos());
        assertThat(spans.getFinishedSpanItems()).as("no second, parentless trace per delivery from Spring Cloud Function")
                .noneMatch(span -> span.getAttributes().asMap().keySet().stream()
                        .anyMatch(key -> key.getKey().startsWith("spring.cloud.function")));
    }

    @Test
    void theRegistryServesEveryPipelineMetricTheDashboardsNeed() {
        String topic = Topic.INCIDENTS.topicName();
        sender.sendRaw(topic, "metrics-poison", Map.of("ce_source", "detector"), "not json".getBytes(StandardCharsets.UTF_8));
        EventEnvelope<IncidentOpened> marker = sender.send(ProbeEvents.opened("inc-metrics"));
        sender.send(marker);
        probe.await(IncidentEscalated.class, e -> e.incidentId().equals("inc-metrics"), TIMEOUT);
        probe.awaitRecords(Topic.INCIDENTS.deadLetterTopicName(), 1, record -> "metrics-poison".equals(record.key()), TIMEOUT);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String scrape = prometheus.scrape();
            assertThat(sample(scrape, "sentinel_events_consumed_total", "topic=\"" + topic + "\"", "outcome=\"processed\"")).isPositive();
            assertThat(sample(scrape, "sentinel_events_consumed_total", "topic=\"" + topic + "\"", "outcome=\"duplicate\"")).isPositive();
            assertThat(sample(scrape, "sentinel_events_dead_letters_total", "topic=\"" + topic + "\"", "reason=\"contract-violation\""))
                    .isPositive();
            assertThat(sample(scrape, "sentinel_events_handling_seconds_bucket", "outcome=\"processed\"", "le=\"+Inf\"")).isPositive();
            assertThat(sample(scrape, "sentinel_events_age_seconds_bucket", "topic=\"" + topic + "\"", "le=\"+Inf\"")).isPositive();
            assertThat(sample(scrape, "sentinel_events_published_total", "topic=\"" + topic + "\"", "via=\"outbox\"")).isPositive();
            assertThat(sample(scrape, "sentinel_outbox_published_total")).isPositive();
            assertThat(sample(scrape, "sentinel_outbox_pending")).isZero();
            assertThat(sample(scrape, "sentinel_outbox_oldest_age_seconds")).isZero();
            assertThat(sample(scrape, "kafka_producer_record_send_total", "client_id=\"detector-events\"")).isPositive();
            assertThat(sample(scrape, "spring_cloud_stream_binder_kafka_offset", "group=\"detector\"", "topic=\"" + topic + "\""))
                    .as("the consumer group's lag on the topic").isNotNegative();
            assertThat(sample(scrape, "kafka_consumer_fetch_manager_records_lag_max")).isNotNegative();
        });
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> condition) {
        SpanData[] found = new SpanData[1];
        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<SpanData> finished = spans.getFinishedSpanItems();
            Optional<SpanData> match = finished.stream().filter(condition).findFirst();
            assertThat(match).as("a matching span among %s", finished.stream().map(SpanData::getName).distinct().toList()).isPresent();
            found[0] = match.get();
        });
        return found[0];
    }

    /** The sum of the samples of {@code name} whose labels contain every fragment; fails if there is none. */
    private static double sample(String scrape, String name, String... labelFragments) {
        List<Double> values = scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labelFragments).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toList();
        assertThat(values).as("%s{%s} on the scrape", name, String.join(",", labelFragments)).isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
