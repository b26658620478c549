package io.sentinel.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.Topic;
import io.sentinel.local.stack.SentinelService;
import io.sentinel.testkit.EventSender;
import io.sentinel.testkit.TopicProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the dashboards and alert rules under {@code deploy/} query is what the running services
 * export: every metric name they read is on some service's real {@code /actuator/prometheus}, and
 * one selected for a given service ({@code service="gateway"}) is on that service's. Runs last of the
 * end-to-end classes, when the pipeline has done everything the suite makes it do (incidents fixed,
 * rolled back and escalated, approvals, dead letters), since a counter exists once it has counted.
 */
@ExtendWith(EndToEndStack.Shared.class)
@Order(3)
class PipelineMetricsEndToEndTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    /** Kafka client metrics appear when the client's metrics are re-read: a minute after start at most. */
    private static final Duration CLIENT_METRICS_REFRESH = Duration.ofSeconds(90);

    /**
     * Metrics the local stack cannot produce, by name prefix, and why: the dashboards query them for
     * deployments that have what the local stack lacks.
     */
    private static final Map<String, String> NOT_IN_THE_LOCAL_STACK = Map.of(
            "sentinel_collector_prometheus_", "the collector's Prometheus source: the local stack has no Prometheus, the collector "
                    + "scrapes the demo services itself");

    private static EndToEndStack e2e;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void useTheStack(EndToEndStack shared) {
        e2e = shared;
    }

    @Test
    void everyMetricADashboardOrAlertRuleQueriesIsExportedByARunningService() {
        List<MetricReferences.Query> queries = MetricReferences.queries(DEPLOY);
        assertThat(queries).as("queries under %s", DEPLOY.toAbsolutePath().normalize()).isNotEmpty();
        Map<String, Set<String>> referenced = MetricReferences.metrics(queries);
        MetricReferences.recorded(DEPLOY).forEach(referenced::remove);
        referenced.keySet().removeIf(metric -> NOT_IN_THE_LOCAL_STACK.keySet().stream().anyMatch(metric::startsWith));
        Set<MetricReferences.ServiceSelector> perService = queries.stream()
                .flatMap(query -> MetricReferences.serviceSelectors(query.expr()).stream())
                .filter(selector -> referenced.containsKey(selector.metric()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        deadLetterOne();

        await().atMost(CLIENT_METRICS_REFRESH).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<SentinelService, Set<String>> exported = scrapeEveryService();
            Set<String> anywhere = exported.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
            assertThat(MetricReferences.missing(referenced, anywhere)).as("metrics queried under deploy/ (and where) that no service exports")
                    .isEmpty();
            Map<String, String> notFromTheirService = new LinkedHashMap<>();
            for (MetricReferences.ServiceSelector selector : perService) {
                SentinelService service = SentinelService.valueOf(selector.service().toUpperCase(Locale.ROOT));
                if (!exported.get(service).contains(selector.metric())) {
                    notFromTheirService.put(selector.metric() + "{service=\"" + selector.service() + "\"}", "not on its /actuator/prometheus");
                }
            }
            assertThat(notFromTheirService).as("metrics queried for one service that this service does not export").isEmpty();
        });
    }

    @Test
    void consumerLagIsExportedPerTopicAndPartition() {
        await().atMost(CLIENT_METRICS_REFRESH).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String detector = scrape(SentinelService.DETECTOR);
            assertThat(detector.lines().filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag{"))
                    .filter(line -> line.contains("topic=\"" + Topic.SIGNALS.topicName() + "\"") && line.contains("partition=\"")))
                    .as("the detector's lag on each partition of the signals topic it reads").isNotEmpty();
            assertThat(detector.lines().filter(line -> line.startsWith("spring_cloud_stream_binder_kafka_offset{"))
                    .filter(line -> line.contains("group=\"detector\"") && line.contains("topic=\"" + Topic.SIGNALS.topicName() + "\"")))
                    .as("the detector group's lag on the signals topic").isNotEmpty();
        });
    }

    /** A dead letter, so that the counters of dead letters exist whichever tests ran before. */
    private static void deadLetterOne() {
        String key = "metrics-poison-" + System.nanoTime();
        try (var probe = TopicProbe.allTopics(e2e.stack().bootstrapServers());
             var sender = new EventSender(e2e.stack().bootstrapServers())) {
            sender.sendRaw(Topic.EXECUTIONS.topicName(), key, Map.of("ce_id", key), "{}".getBytes(StandardCharsets.UTF_8));
            probe.awaitRecords(Topic.EXECUTIONS.deadLetterTopicName(), 1, record -> key.equals(record.key()), EndToEndStack.INCIDENT_TIMEOUT);
        }
    }

    private Map<SentinelService, Set<String>> scrapeEveryService() {
        Map<SentinelService, Set<String>> exported = new EnumMap<>(SentinelService.class);
        for (SentinelService service : SentinelService.values()) {
            exported.put(service, MetricReferences.exposed(scrape(service)));
        }
        return exported;
    }

    private String scrape(SentinelService service) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e2e.stack().managementPort(service) + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s's /actuator/prometheus", service.serviceName()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(service.serviceName() + "'s /actuator/prometheus did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
