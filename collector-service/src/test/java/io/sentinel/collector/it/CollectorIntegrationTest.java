package io.sentinel.collector.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.sentinel.collector.LogRecorder;
import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.exposition.ExpositionParser;
import io.sentinel.collector.scrape.ScrapeRound;
import io.sentinel.collector.series.Sample;
import io.sentinel.events.Topic;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.testkit.ReceivedRecord;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The scrape path: targets that answer, fail and recover, and what reaches the signals topic. */
class CollectorIntegrationTest extends CollectorContext {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
                .extracting(MetricSample::value).containsExactlyInAnyOrder(2.1e9, 7.5e8, 1e8);
        assertThat(batch.target()).as("the scrape target's configured target, not the series' label").isEqualTo(SHOP_TARGET);
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
        JsonNode signalSource = health.path("components").path("signalSource");
        assertThat(signalSource.path("status").asString()).as("no Prometheus configured: scraping is the plan, not a fallback").isEqualTo("UP");
        assertThat(signalSource.path("details").path("active").asString()).isEqualTo("scrape");
        assertThat(signalSource.path("details").path("prometheus").asString()).isEqualTo("not configured");

        List<Sample> metrics = ExpositionParser.parse(http("/actuator/prometheus", "text/plain;version=0.0.4"), "actuator").samples();
        assertThat(metric(metrics, "sentinel_collector_scrapes_total", Map.of("target", "down", "outcome", "failure"))).isGreaterThanOrEqualTo(3);
        assertThat(metric(metrics, "sentinel_collector_scrape_duration_seconds_count", Map.of("target", "down"))).isGreaterThanOrEqualTo(3);
        assertThat(metric(metrics, "sentinel_collector_rounds_total", Map.of("source", "scrape", "outcome", "success"))).isGreaterThanOrEqualTo(3);
        assertThat(metric(metrics, "sentinel_collector_source_degraded", Map.of())).isZero();

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
            assertThat(batch.target()).as("a scrape target's name by default").isEqualTo("flaky");
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
        HttpResponse<String> response = send(managementRequest(path).header("Accept", accept));
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
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
}
