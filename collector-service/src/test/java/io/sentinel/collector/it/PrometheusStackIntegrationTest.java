package io.sentinel.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.collector.CollectorApplication;
import io.sentinel.collector.LogRecorder;
import io.sentinel.collector.exposition.ExpositionParser;
import io.sentinel.collector.prometheus.PrometheusRound;
import io.sentinel.collector.series.Sample;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The collector against the real thing: node_exporter scraped by Prometheus, Prometheus firing a
 * rule to Alertmanager, Alertmanager posting to the collector's receiver exactly as configured in
 * production. Then Prometheus stops: the collector scrapes node_exporter itself, says so, and shows
 * DEGRADED; Prometheus starts again: back to it. The tests run in order, as one story.
 */
@SpringBootTest(classes = CollectorApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sentinel.collector.prometheus.interval=1s",
        "sentinel.collector.prometheus.timeout=2s",
        "sentinel.collector.prometheus.fallback-after=3",
        "sentinel.collector.scrape.interval=1s",
        "sentinel.collector.scrape.timeout=2s",
        "SENTINEL_INGEST_TOKEN=" + PrometheusStackIntegrationTest.TOKEN,
        "management.endpoint.health.show-details=always"})
// Its own collector, closed with the class: none may go on querying the Prometheus this class stops.
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusStackIntegrationTest extends ServiceIntegrationTest {

    static final String TOKEN = "alertmanager-token-5d8e1f0a7b";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The alert's service label: unique to the run, so alerts of earlier runs on the same broker do not count. */
    private static final String SERVICE = "checkout-" + UUID.randomUUID().toString().substring(0, 8);

    private static PrometheusBinaries binaries;
    private static boolean alertmanagerStarted;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void prometheusStack(DynamicPropertyRegistry registry) throws IOException {
        startPrometheus();
        registry.add("sentinel.collector.prometheus.url", binaries::prometheusUrl);
        registry.add("sentinel.collector.scrape.targets[0].name", () -> "node");
        registry.add("sentinel.collector.scrape.targets[0].url", () -> binaries.nodeExporterUrl() + "/metrics");
    }

    @BeforeAll
    static void startPrometheus() throws IOException {
        if (binaries == null) {
            binaries = PrometheusBinaries.installed();
            binaries.startNodeExporter();
            binaries.startPrometheus("service: " + SERVICE);
        }
    }

    /** Alertmanager needs the collector's address, known once it listens; Prometheus retries until Alertmanager is up. */
    @BeforeEach
    void startAlertmanagerPointingAtTheCollector() throws IOException {
        if (!alertmanagerStarted) {
            binaries.startAlertmanager("http://127.0.0.1:" + port + "/api/alertmanager", TOKEN);
            alertmanagerStarted = true;
        }
    }

    @AfterAll
    static void stopTheBinaries() {
        if (binaries != null) {
            binaries.close();
        }
    }

    @Test
    @Order(1)
    void nodeSignalsComeFromPrometheusQueries() throws Exception {
        String instance = binaries.nodeExporterInstance();

        MetricBatch batch = awaitBatch(b -> b.source().equals(PrometheusRound.SOURCE) && b.resource().equals(instance)
                && names(b).containsAll(Set.of("cpu_usage_ratio", "memory_usage_ratio", "node_up")));

        assertThat(batch.labels()).isEqualTo(Map.of("instance", instance));
        assertThat(batch.target()).as("the resource label's value %s is host:port, no inventory target name", instance).isNull();
        assertThat(sample(batch, "memory_usage_ratio").value()).isStrictlyBetween(0.0, 1.0);
        assertThat(sample(batch, "cpu_usage_ratio").value()).isBetween(0.0, 1.0);
        assertThat(sample(batch, "node_up").value()).isEqualTo(1.0);
        assertThat(sample(batch, "node_up").labels()).isEqualTo(Map.of("job", "node"));
        assertThat(batch.samples()).extracting(MetricSample::at).as("all evaluated at the round's instant").containsOnly(batch.collectedAt());
        assertThat(batch.samples()).filteredOn(s -> s.name().equals("disk_usage_ratio")).isNotEmpty()
                .allSatisfy(disk -> assertThat(disk.labels()).containsKey("mountpoint"));

        JsonNode health = health();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("signalSource").path("details").path("active").asString()).isEqualTo("prometheus");
        assertThat(probeBatches(b -> b.resource().equals("node"))).as("the scrape targets stand by while Prometheus answers").isEmpty();
    }

    @Test
    @Order(2)
    void anAlertFiringInPrometheusArrivesThroughAlertmanager() {
        ExternalAlert alert = probe.await(ExternalAlert.class, received -> SERVICE.equals(received.labels().get("service")), WAIT);

        assertThat(alert.source()).isEqualTo("alertmanager");
        assertThat(alert.resource()).isEqualTo(SERVICE);
        assertThat(alert.alertName()).isEqualTo("AlwaysFiring");
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.labels()).containsEntry("severity", "critical");
        assertThat(alert.annotations()).containsEntry("summary", "always firing");
        assertThat(alert.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(alert.endsAt()).as("Alertmanager's zero time: no end yet").isNull();
        assertThat(alert.generatorUrl()).contains("g0.expr=vector%281%29+%3E+0");
    }

    @Test
    @Order(3)
    void whilePrometheusIsDownTheCollectorScrapesNodeExporterItselfAndReturnsWhenItAnswers() throws Exception {
        try (var log = LogRecorder.attach(PrometheusRound.class)) {
            binaries.stopPrometheus();
            Instant stopped = Instant.now();

            await().atMost(WAIT).until(() -> health().path("status").asString().equals("DEGRADED"));
            JsonNode source = health().path("components").path("signalSource");
            assertThat(source.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(source.path("details").path("active").asString()).isEqualTo("scrape");
            assertThat(source.path("details").path("lastError").asString()).startsWith("connection refused");
            assertThat(healthStatusCode()).as("degraded is not down: no restart for Prometheus' outage").isEqualTo(200);
            assertThat(log.messages("falling back")).singleElement().satisfies(line -> assertThat(line).startsWith(
                    "prometheus not answering; falling back to scraping the targets directly url=" + binaries.prometheusUrl()
                            + " failedRounds=3 targets=1 reason=\"connection refused"));

            MetricBatch scraped = awaitBatch(b -> b.source().equals("scrape") && b.resource().equals("node") && b.collectedAt().isAfter(stopped)
                    && names(b).containsAll(Set.of("memory_usage_ratio", "cpu_usage_ratio")));
            assertThat(scraped.labels()).containsEntry("instance", binaries.nodeExporterInstance());
            assertThat(scraped.target()).as("the scrape target's name, its target by default").isEqualTo("node");
            assertThat(sample(scraped, "memory_usage_ratio").value()).isStrictlyBetween(0.0, 1.0);
            assertThat(sample(scraped, "cpu_usage_ratio").value()).as("from node_cpu_seconds_total's rate between two scrapes")
                    .isBetween(0.0, 1.0);

            binaries.restartPrometheus();
            Instant restarted = Instant.now();

            await().atMost(WAIT).until(() -> health().path("status").asString().equals("UP"));
            assertThat(health().path("components").path("signalSource").path("details").path("active").asString()).isEqualTo("prometheus");
            assertThat(log.messages("answers again")).singleElement().satisfies(line -> assertThat(line)
                    .matches("prometheus answers again; stopped scraping the targets directly url=\\S+ failedRounds=\\d+ degradedFor=PT.*"));
            MetricBatch fromPrometheus = awaitBatch(b -> b.source().equals(PrometheusRound.SOURCE)
                    && b.resource().equals(binaries.nodeExporterInstance()) && b.collectedAt().isAfter(restarted));
            assertThat(names(fromPrometheus)).contains("memory_usage_ratio");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + binaries.logs(), e);
        }

        var metrics = ExpositionParser.parse(http("/actuator/prometheus").body(), "actuator").samples();
        assertThat(metric(metrics, "sentinel_collector_rounds_total", "prometheus", "failure")).isGreaterThanOrEqualTo(3);
        assertThat(metric(metrics, "sentinel_collector_rounds_total", "scrape", "success")).isGreaterThanOrEqualTo(2);
        assertThat(metric(metrics, "sentinel_collector_rounds_total", "prometheus", "success")).isGreaterThanOrEqualTo(2);
    }

    private static MetricBatch awaitBatch(Predicate<MetricBatch> condition) {
        return probe.await(MetricBatch.class, condition, WAIT);
    }

    private static List<MetricBatch> probeBatches(Predicate<MetricBatch> condition) {
        return probe.events(MetricBatch.class).stream().filter(condition).toList();
    }

    private static Set<String> names(MetricBatch batch) {
        return batch.samples().stream().map(MetricSample::name).collect(Collectors.toSet());
    }

    private static MetricSample sample(MetricBatch batch, String name) {
        return batch.samples().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + batch));
    }

    private static double metric(List<Sample> metrics, String name, String source, String outcome) {
        Optional<Sample> found = metrics.stream().filter(s -> s.name().equals(name) && source.equals(s.labels().get("source"))
                && outcome.equals(s.labels().get("outcome"))).findFirst();
        return found.map(Sample::value).orElse(0.0);
    }

    private JsonNode health() throws IOException, InterruptedException {
        return JSON.readTree(http("/actuator/health").body());
    }

    private int healthStatusCode() throws IOException, InterruptedException {
        return http("/actuator/health").statusCode();
    }

    /** Health and metrics: on the management port. */
    private HttpResponse<String> http(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
