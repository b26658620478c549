package io.sentinel.collector.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.collector.CollectorApplication;
import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.exposition.ExpositionParser;
import io.sentinel.collector.scrape.ScrapeRound;
import io.sentinel.collector.series.Sample;
import io.sentinel.events.Topic;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.testkit.ReceivedRecord;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The collector alone, on a real broker and database, scraping exporters played by WireMock: a
 * kubelet's cAdvisor endpoint, a node_exporter, and targets that fail.
 */
@SpringBootTest(classes = CollectorApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sentinel.collector.scrape.interval=500ms",
        "sentinel.collector.scrape.timeout=2s",
        "sentinel.collector.scrape.forward-metrics=container_memory_working_set_bytes",
        "management.endpoint.health.show-details=always"})
class CollectorIntegrationTest extends ServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MEASURED_AT = 1_763_906_735_860L;
    private static final Map<String, String> SHOP_CONTAINER = Map.of("container", "shop", "id", "/kubepods/burstable/pod7c1e/3f2a",
            "image", "registry.local/shop:1.4", "name", "3f2a", "namespace", "prod", "pod", "shop-7d9f");
    /** As the kubelet serves it: the root cgroup (no limit) next to a container using 750 MB of its 1 GB. */
    private static final String CADVISOR = """
            # HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.
            # TYPE container_cpu_usage_seconds_total counter
            container_cpu_usage_seconds_total{container="shop",cpu="total",id="/kubepods/burstable/pod7c1e/3f2a",image="registry.local/shop:1.4",name="3f2a",namespace="prod",pod="shop-7d9f"} 1234.56 1763906735860
            # HELP container_memory_working_set_bytes Current working set in bytes.
            # TYPE container_memory_working_set_bytes gauge
            container_memory_working_set_bytes{container="",id="/",image="",name="",namespace="",pod=""} 2.1e+09 1763906735860
            container_memory_working_set_bytes{container="shop",id="/kubepods/burstable/pod7c1e/3f2a",image="registry.local/shop:1.4",name="3f2a",namespace="prod",pod="shop-7d9f"} 7.5e+08 1763906735860
            # HELP container_spec_memory_limit_bytes Memory limit for the container.
            # TYPE container_spec_memory_limit_bytes gauge
            container_spec_memory_limit_bytes{container="",id="/",image="",name="",namespace="",pod=""} 0 1763906735860
            container_spec_memory_limit_bytes{container="shop",id="/kubepods/burstable/pod7c1e/3f2a",image="registry.local/shop:1.4",name="3f2a",namespace="prod",pod="shop-7d9f"} 1e+09 1763906735860
            """;

    private static final WireMockServer EXPORTERS = startExporters();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate database;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        target(registry, 0, "shop", Map.of("environment", "staging", "service", "shop"));
        target(registry, 1, "down", Map.of("environment", "staging"));
        target(registry, 2, "flaky", Map.of());
        target(registry, 3, "quiet", Map.of());
    }

    @AfterAll
    static void disconnect() {
        EXPORTERS.stop();
    }

    @Test
    void publishesTheMemoryUsageRatioOfEachLimitedContainerUnderTheTargetsLabels() {
        MetricBatch batch = probe.await(MetricBatch.class, b -> b.resource().equals("shop"), WAIT);

        assertThat(batch.source()).isEqualTo("scrape");
        assertThat(batch.labels()).isEqualTo(Map.of("environment", "staging", "service", "shop", "instance", "localhost:" + EXPORTERS.port()));
        assertThat(samples(batch, "memory_usage_ratio")).as("the root cgroup has no limit, so no ratio").singleElement().satisfies(ratio -> {
            assertThat(ratio.value()).isCloseTo(0.75, within(1e-9));
            assertThat(ratio.labels()).isEqualTo(SHOP_CONTAINER);
            assertThat(ratio.at()).as("the exporter's timestamp").isEqualTo(Instant.ofEpochMilli(MEASURED_AT));
        });
        assertThat(samples(batch, "container_memory_working_set_bytes")).as("forwarded unchanged")
                .extracting(MetricSample::value).containsExactlyInAnyOrder(2.1e9, 7.5e8);
        assertThat(batch.samples()).extracting(MetricSample::name).as("what is neither derived nor forwarded stays at the source")
                .doesNotContain("container_cpu_usage_seconds_total", "container_spec_memory_limit_bytes");

        ReceivedRecord record = probe.records(Topic.SIGNALS.topicName()).stream()
                .filter(r -> r.event() instanceof MetricBatch b && b.resource().equals("shop")).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo("shop");
        assertThat(record.envelope().source()).isEqualTo("collector");
        EXPORTERS.verify(getRequestedFor(urlEqualTo("/shop/metrics")).withHeader("Accept", equalTo("text/plain;version=0.0.4")));
    }

    @Test
    void aFailingTargetPublishesNothingAndIsReportedFailingWhileTheCollectorStaysUp() throws Exception {
        try (var log = LogRecorder.attach(ScrapeRound.class)) {
            int before = consecutiveFailures("down");
            await().atMost(WAIT).until(() -> consecutiveFailures("down") >= before + 3);

            assertThat(log.messages("scrape target failing target=down")).as("announced once, not every round").hasSizeLessThanOrEqualTo(1);
        }
        Map<String, Object> row = row("down");
        assertThat(row.get("url")).isEqualTo(EXPORTERS.baseUrl() + "/down/metrics");
        assertThat(row.get("last_error")).isEqualTo("HTTP 500");
        assertThat(row.get("last_attempt_at")).isNotNull();
        assertThat(row.get("last_success_at")).isNull();

        JsonNode health = JSON.readTree(http("/actuator/health", "application/json"));
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode scrapeTargets = health.path("components").path("scrapeTargets");
        assertThat(scrapeTargets.path("status").asString()).isEqualTo("UP");
        assertThat(texts(scrapeTargets.path("details").path("failing"))).contains("down").doesNotContain("shop", "quiet");
        JsonNode down = scrapeTargets.path("details").path("targets").path("down");
        assertThat(down.path("status").asString()).isEqualTo("failing");
        assertThat(down.path("lastError").asString()).isEqualTo("HTTP 500");
        assertThat(down.path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(3);

        List<Sample> metrics = ExpositionParser.parse(http("/actuator/prometheus", "text/plain;version=0.0.4"), "actuator").samples();
        assertThat(metric(metrics, "sentinel_collector_scrapes_total", Map.of("target", "down", "outcome", "failure"))).isGreaterThanOrEqualTo(3);
        assertThat(metric(metrics, "sentinel_collector_scrape_duration_seconds_count", Map.of("target", "down"))).isGreaterThanOrEqualTo(3);

        awaitAShopBatchCollectedAfter(Instant.now());
        assertThat(probe.events(MetricBatch.class)).noneMatch(b -> b.resource().equals("down"));
    }

    @Test
    void aTargetThatRecoversPublishesAgainAndEachChangeOfStateIsAnnouncedOnce() {
        await().atMost(WAIT).until(() -> consecutiveFailures("flaky") >= 2);
        try (var log = LogRecorder.attach(ScrapeRound.class)) {
            long requests = requests("/flaky/metrics");
            serve("/flaky/metrics", 200, PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER_CPU_MEMORY));

            MetricBatch batch = probe.await(MetricBatch.class, b -> b.resource().equals("flaky"), WAIT);
            assertThat(batch.samples()).singleElement().satisfies(sample -> {
                assertThat(sample.name()).isEqualTo("memory_usage_ratio");
                assertThat(sample.labels()).isEmpty();
                assertThat(sample.value()).isCloseTo(PrometheusFixtures.NODE_EXPORTER_MEMORY_USAGE, within(1e-9));
                assertThat(sample.at()).as("node_exporter sets no timestamps: the scrape's time").isEqualTo(batch.collectedAt());
            });
            await().atMost(WAIT).until(() -> requests("/flaky/metrics") >= requests + 3);
            assertThat(consecutiveFailures("flaky")).isZero();
            assertThat(row("flaky").get("last_success_at")).isNotNull();
            assertThat(row("flaky").get("last_error")).isNull();

            serve("/flaky/metrics", 503, "");
            await().atMost(WAIT).until(() -> consecutiveFailures("flaky") >= 3);

            assertThat(log.messages("target=flaky")).hasSize(2).satisfiesExactly(
                    recovered -> assertThat(recovered).matches("scrape target recovered target=flaky failedAttempts=\\d+"),
                    failing -> assertThat(failing).isEqualTo("scrape target failing target=flaky reason=\"HTTP 503\""));
            assertThat(row("flaky").get("last_success_at")).as("kept while failing").isNotNull();
        }
    }

    @Test
    void aTargetWithNothingToDeriveOrForwardPublishesNothing() {
        await().atMost(WAIT).until(() -> requests("/quiet/metrics") >= 2 && row("quiet").get("last_success_at") != null);

        awaitAShopBatchCollectedAfter(Instant.now());

        assertThat(consecutiveFailures("quiet")).isZero();
        assertThat(probe.events(MetricBatch.class)).noneMatch(b -> b.resource().equals("quiet"));
    }

    /** A round that started later has been published and read: anything earlier rounds published has been read too. */
    private static void awaitAShopBatchCollectedAfter(Instant instant) {
        probe.await(MetricBatch.class, b -> b.resource().equals("shop") && b.collectedAt().isAfter(instant), WAIT);
    }

    private int consecutiveFailures(String target) {
        Object failures = row(target).get("consecutive_failures");
        return failures == null ? 0 : ((Number) failures).intValue();
    }

    /** The target's row in the collector's own schema, or no columns before its first attempt. */
    private Map<String, Object> row(String target) {
        return database.queryForList("select * from scrape_target where name = ?", target).stream().findFirst().orElse(Map.of());
    }

    private String http(String path, String accept) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            return response.body();
        }
    }

    private static List<MetricSample> samples(MetricBatch batch, String name) {
        return batch.samples().stream().filter(sample -> sample.name().equals(name)).toList();
    }

    private static double metric(List<Sample> metrics, String name, Map<String, String> labels) {
        return metrics.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + labels + " on /actuator/prometheus"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asString()));
        return texts;
    }

    private static long requests(String path) {
        return EXPORTERS.countRequestsMatching(getRequestedFor(urlEqualTo(path)).build()).getCount();
    }

    private static WireMockServer startExporters() {
        var server = new WireMockServer(options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        serve(server, "/shop/metrics", 200, CADVISOR);
        serve(server, "/down/metrics", 500, "upstream exploded");
        serve(server, "/flaky/metrics", 503, "");
        serve(server, "/quiet/metrics", 200, PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER));
        return server;
    }

    private static void serve(String path, int status, String body) {
        serve(EXPORTERS, path, status, body);
    }

    private static void serve(WireMockServer server, String path, int status, String body) {
        server.stubFor(get(path).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").withBody(body)));
    }

    private static void target(DynamicPropertyRegistry registry, int index, String name, Map<String, String> labels) {
        String prefix = "sentinel.collector.scrape.targets[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "url", () -> EXPORTERS.baseUrl() + "/" + name + "/metrics");
        labels.forEach((label, value) -> registry.add(prefix + "labels." + label, () -> value));
    }

    /** What one class logs while the recorder is attached. */
    private static final class LogRecorder implements AutoCloseable {

        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        private LogRecorder(Logger logger) {
            this.logger = logger;
            appender.start();
            logger.addAppender(appender);
        }

        static LogRecorder attach(Class<?> type) {
            return new LogRecorder((Logger) LoggerFactory.getLogger(type));
        }

        List<String> messages(String containing) {
            // Appending holds the appender's lock; reading under it sees whole events only.
            synchronized (appender) {
                return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
            }
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
