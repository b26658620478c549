package io.sentinel.collector.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.collector.KafkaPublishers;
import io.sentinel.collector.LogRecorder;
import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.source.SourceSelection;
import io.sentinel.events.Topic;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.runtime.kafka.EventProducer;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Rounds of queries against Prometheus played by WireMock with real answers and real errors,
 * published on a real broker: a query's own failure is the query's, every query failing is
 * Prometheus' and, repeated, switches the source.
 */
class PrometheusRoundTest extends ServiceIntegrationTest {

    private static final String BAD_QUERY = "rate(node_cpu_seconds_total[1m]";
    private static final String PROMETHEUS_ERROR =
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:32: parse error: unclosed left parenthesis\"}";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WireMockServer prometheus;
    private PrometheusClient client;
    private EventProducer producer;
    private SourceSelection selection;
    private PrometheusRound round;

    @BeforeEach
    void start() {
        prometheus = new WireMockServer(options().dynamicPort());
        prometheus.start();
        client = new PrometheusClient(URI.create(prometheus.baseUrl()), Duration.ofSeconds(2), 1024 * 1024);
        producer = KafkaPublishers.producer(bootstrapServers());
        selection = SourceSelection.preferPrometheus(2, Clock.systemUTC().instant());
        var properties = new PrometheusProperties(URI.create(prometheus.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(2), 2,
                DataSize.ofMegabytes(1), Map.of("run", run), List.of(
                PrometheusQuery.of("node_up", "up", "instance", List.of("job")),
                PrometheusQuery.of("cpu_usage_ratio", BAD_QUERY, "instance", List.of()),
                PrometheusQuery.of("memory_usage_ratio", "memory", "instance", List.of())));
        round = new PrometheusRound(properties, client, selection, KafkaPublishers.publisher(producer), new PrometheusMetrics(meters),
                Clock.systemUTC(), 1);
    }

    @AfterEach
    void stop() {
        producer.close();
        client.close();
        prometheus.stop();
    }

    @Test
    void aQueryPrometheusRefusesIsReportedInItsWordsWhileTheOthersArePublished() {
        answer("up", 200, PrometheusFixtures.read(PrometheusFixtures.QUERY_UP));
        answer(BAD_QUERY, 400, PROMETHEUS_ERROR);
        answer("memory", 200, "{\"status\":\"success\",\"warnings\":[\"partial response: 1 of 2 stores down\"],"
                + "\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"node\"},\"value\":[1795442750.745,\"0.5\"]}]}}");

        try (var log = LogRecorder.attach(PrometheusRound.class)) {
            assertThat(round.run()).as("Prometheus answered").isTrue();
            assertThat(round.run()).isTrue();

            assertThat(log.messages("query failing")).as("once, not every round").containsExactly(
                    "prometheus query failing signal=cpu_usage_ratio query=\"" + BAD_QUERY + "\" reason=\"bad_data: invalid parameter \"query\": "
                            + "1:32: parse error: unclosed left parenthesis (HTTP 400)\"");
            assertThat(log.messages("warns")).containsExactly("prometheus warns about query signal=memory_usage_ratio query=\"memory\" "
                    + "warnings=\"partial response: 1 of 2 stores down\"");
            assertThat(log.messages("without their resource label")).hasSize(1);
        }
        assertThat(selection.scrapes()).isFalse();
        List<MetricBatch> batches = probe.awaitRecords(Topic.SIGNALS.topicName(), 4,
                        record -> record.event() instanceof MetricBatch batch && run.equals(batch.labels().get("run")), Duration.ofSeconds(20))
                .stream().map(record -> (MetricBatch) record.event()).toList();
        assertThat(batches).extracting(MetricBatch::resource).containsOnly("127.0.0.1:19090", "127.0.0.1:19100");
        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch.source()).isEqualTo("prometheus");
            assertThat(batch.samples()).extracting(MetricSample::name).containsExactly("node_up");
        });
        assertThat(meters.get("sentinel.collector.prometheus.skipped").tag("reason", "no-resource-label").counter().count()).isEqualTo(2);
        assertThat(meters.get("sentinel.collector.prometheus.queries").tag("signal", "cpu_usage_ratio").tag("outcome", "failure").counter().count())
                .isEqualTo(2);
    }

    @Test
    void roundsWithoutAnyAnswerSwitchToScrapingAndTheFirstAnswerSwitchesBack() {
        answer("up", 503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}");
        answer(BAD_QUERY, 400, PROMETHEUS_ERROR);
        answer("memory", 503, "<html>Service Unavailable</html>");

        try (var log = LogRecorder.attach(PrometheusRound.class)) {
            assertThat(round.run()).isFalse();
            assertThat(selection.scrapes()).isFalse();
            assertThat(round.run()).isFalse();

            assertThat(selection.scrapes()).isTrue();
            assertThat(selection.state().lastError()).isEqualTo("unavailable: TSDB not ready (HTTP 503)");
            assertThat(log.messages("round failed")).containsExactly("prometheus round failed url=" + prometheus.baseUrl()
                    + " consecutiveFailures=1 fallbackAfter=2 reason=\"unavailable: TSDB not ready (HTTP 503)\"");
            assertThat(log.messages("falling back")).containsExactly("prometheus not answering; falling back to scraping the targets directly url="
                    + prometheus.baseUrl() + " failedRounds=2 targets=1 reason=\"unavailable: TSDB not ready (HTTP 503)\"");
            assertThat(log.messages("query failing")).as("Prometheus' failure, not each query's").isEmpty();

            answer("up", 200, PrometheusFixtures.read(PrometheusFixtures.QUERY_UP));
            assertThat(round.run()).isTrue();

            assertThat(selection.scrapes()).isFalse();
            assertThat(log.messages("answers again")).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("prometheus answers again; stopped scraping the targets directly url=" + prometheus.baseUrl() + " failedRounds=2 "));
        }
        assertThat(meters.get("sentinel.collector.rounds").tag("source", "prometheus").tag("outcome", "failure").counter().count()).isEqualTo(2);
        assertThat(meters.get("sentinel.collector.rounds").tag("source", "prometheus").tag("outcome", "success").counter().count()).isEqualTo(1);
    }

    private void answer(String query, int status, String body) {
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo(query))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
