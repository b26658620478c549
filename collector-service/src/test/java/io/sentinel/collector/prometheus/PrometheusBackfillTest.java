package io.sentinel.collector.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.collector.KafkaPublishers;
import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.events.Topic;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.runtime.kafka.EventProducer;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** History at start-up: Prometheus played by WireMock with a real query_range answer, published on a real broker. */
class PrometheusBackfillTest extends ServiceIntegrationTest {

    /** 1.5 s after the capture's last point; with a 2 s step the history ends on that point. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_795_442_751_500L), ZoneOffset.UTC);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private WireMockServer prometheus;
    private PrometheusClient client;
    private EventProducer producer;

    @BeforeEach
    void start() {
        prometheus = new WireMockServer(options().dynamicPort());
        prometheus.start();
        client = new PrometheusClient(URI.create(prometheus.baseUrl()), Duration.ofSeconds(2), 1024 * 1024);
        producer = KafkaPublishers.producer(bootstrapServers());
    }

    @AfterEach
    void stop() {
        producer.close();
        client.close();
        prometheus.stop();
    }

    @Test
    void publishesTheHistoryOfABackfillingQueryAtItsHistoricTimesAfterTryingAgain() {
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query_range")).inScenario("restart").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"starting up\"}"))
                .willSetStateTo("ready"));
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query_range")).inScenario("restart").whenScenarioStateIs("ready")
                .willReturn(aResponse().withStatus(200).withBody(PrometheusFixtures.read(PrometheusFixtures.QUERY_RANGE_CPU))));
        var cpu = new PrometheusQuery("cpu_usage_ratio", "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m]))", "instance",
                List.of(), Duration.ofSeconds(10), Duration.ofSeconds(2), null);
        var memory = PrometheusQuery.of("memory_usage_ratio", "memory", "instance", List.of());
        var properties = new PrometheusProperties(URI.create(prometheus.baseUrl()), Duration.ofSeconds(15), Duration.ofSeconds(2), 3, DataSize.ofMegabytes(1),
                Map.of("run", run), List.of(memory, cpu));
        var backfill = new PrometheusBackfill(properties, client, KafkaPublishers.publisher(producer), new PrometheusMetrics(new SimpleMeterRegistry()),
                CLOCK);
        assertThat(backfill.pending()).isTrue();

        backfill.runPending();
        assertThat(backfill.pending()).as("Prometheus could not answer: tried again later").isTrue();
        backfill.runPending();

        assertThat(backfill.pending()).isFalse();
        List<MetricBatch> history = probe.awaitRecords(Topic.SIGNALS.topicName(), 6,
                        record -> record.event() instanceof MetricBatch batch && run.equals(batch.labels().get("run")), Duration.ofSeconds(20))
                .stream().map(record -> (MetricBatch) record.event()).toList();
        assertThat(history).allSatisfy(batch -> {
            assertThat(batch.source()).isEqualTo("prometheus-backfill");
            assertThat(batch.resource()).isEqualTo("127.0.0.1:19100");
            assertThat(batch.samples()).singleElement().satisfies(sample -> {
                assertThat(sample.name()).isEqualTo("cpu_usage_ratio");
                assertThat(sample.at()).isEqualTo(batch.collectedAt());
            });
        });
        assertThat(history).extracting(MetricBatch::collectedAt).containsExactlyInAnyOrder(
                Instant.ofEpochSecond(1_795_442_740), Instant.ofEpochSecond(1_795_442_742), Instant.ofEpochSecond(1_795_442_744),
                Instant.ofEpochSecond(1_795_442_746), Instant.ofEpochSecond(1_795_442_748), Instant.ofEpochSecond(1_795_442_750));
        prometheus.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/query_range"))
                .withQueryParam("start", equalTo("1795442740")).withQueryParam("end", equalTo("1795442750")).withQueryParam("step", equalTo("2")));
        prometheus.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/query_range")).withQueryParam("query", equalTo("memory")));
    }
}
