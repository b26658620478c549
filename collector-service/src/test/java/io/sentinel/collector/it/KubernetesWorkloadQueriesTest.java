package io.sentinel.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.collector.KafkaPublishers;
import io.sentinel.collector.prometheus.PrometheusAnswer;
import io.sentinel.collector.prometheus.PrometheusClient;
import io.sentinel.collector.prometheus.PrometheusMetrics;
import io.sentinel.collector.prometheus.PrometheusProperties;
import io.sentinel.collector.prometheus.PrometheusQuery;
import io.sentinel.collector.prometheus.PrometheusRound;
import io.sentinel.collector.source.SourceSelection;
import io.sentinel.events.Topic;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.runtime.kafka.EventProducer;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The collector's default Prometheus queries on the real Prometheus, scraping what kube-state-metrics
 * and cAdvisor expose for a Deployment (through its ReplicaSet), a StatefulSet, a DaemonSet, a pod
 * without an owner and a Deployment of the same name in another namespace: every container signal
 * reaches the signals topic named by its workload ({@code <workload>.<namespace>}), never by a pod, and
 * never by workload labels a scraped series carries itself.
 */
class KubernetesWorkloadQueriesTest extends ServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    /** Scrapes so far: the counters (restarts, CPU seconds) grow with every scrape, as a crash-looping pod's do. */
    private static final AtomicInteger scrapes = new AtomicInteger();
    private static HttpServer exporter;
    private static PrometheusBinaries binaries;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startPrometheusScrapingAKubernetesCluster() throws IOException {
        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = exposition(scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        exporter.start();
        binaries = PrometheusBinaries.installed();
        binaries.startPrometheusScraping("127.0.0.1:" + exporter.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        if (binaries != null) {
            binaries.close();
        }
        if (exporter != null) {
            exporter.stop(0);
        }
    }

    @Test
    void theDefaultQueriesNameEachContainersWorkloadSoThatAnIncidentNamesTheDeployment() {
        var properties = new PrometheusProperties(URI.create(binaries.prometheusUrl()), Duration.ofSeconds(15), Duration.ofSeconds(5), 3,
                DataSize.ofMegabytes(8), Map.of("run", run), null);
        try (var client = new PrometheusClient(properties.url(), properties.timeout(), properties.maxResponseBytes().toBytes());
             EventProducer producer = KafkaPublishers.producer(bootstrapServers())) {
            awaitRatesOver(client, properties);
            var round = new PrometheusRound(properties, client, SourceSelection.preferPrometheus(3, Instant.now()),
                    KafkaPublishers.publisher(producer), new PrometheusMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), 0);

            assertThat(round.run()).as("Prometheus answered").isTrue();

            Map<String, MetricBatch> batches = probe.awaitRecords(Topic.SIGNALS.topicName(), 5,
                            record -> record.event() instanceof MetricBatch batch && run.equals(batch.labels().get("run")), WAIT)
                    .stream().map(record -> (MetricBatch) record.event()).collect(Collectors.toMap(MetricBatch::resource, batch -> batch));
            assertThat(batches).as("workloads, never the pods that the next restart renames, nor what a series' own labels claim")
                    .containsOnlyKeys("web.shop", "db.shop", "agent.shop", "debug.shop", "web.payments");

            MetricBatch web = batches.get("web.shop");
            assertThat(web.target()).as("the inventory target the incident will name").isEqualTo("web.shop");
            assertThat(web.labels()).isEqualTo(Map.of("run", run, "workload_target", "web.shop"));
            Map<String, String> app = Map.of("namespace", "shop", "workload", "web", "workload_kind", "Deployment", "container", "app");
            assertThat(value(web, "memory_usage_ratio", app)).as("the worse of its two pods").isCloseTo(0.6, within(1e-9));
            // A rate over [1m] of a few seconds of history is extrapolated low: positive is what can be said.
            assertThat(value(web, "cpu_usage_ratio", app)).as("CPU-seconds per second over a quota of half a core").isPositive();
            assertThat(value(web, "container_restarts_recent", app)).isGreaterThan(0);
            assertThat(value(web, "container_oom_killed", app)).as("OOM-killed and restarted lately").isEqualTo(1);
            assertThat(value(web, "container_up", app)).as("one of its two pods' app container is not running").isZero();
            assertThat(value(web, "replicas_available_ratio", Map.of("namespace", "shop", "workload", "web", "workload_kind", "Deployment")))
                    .isEqualTo(0.5);
            assertThat(web.samples()).as("the pause container and the pod cgroup are not containers")
                    .allSatisfy(sample -> assertThat(sample.labels().get("container")).isNotIn("POD", ""));

            MetricBatch db = batches.get("db.shop");
            Map<String, String> postgres = Map.of("namespace", "shop", "workload", "db", "workload_kind", "StatefulSet", "container", "postgres");
            assertThat(value(db, "memory_usage_ratio", postgres)).isCloseTo(0.5, within(1e-9));
            assertThat(value(db, "container_up", postgres)).isEqualTo(1);
            assertThat(value(db, "container_restarts_recent", postgres)).isZero();
            assertThat(value(db, "replicas_available_ratio", Map.of("namespace", "shop", "workload", "db", "workload_kind", "StatefulSet")))
                    .isEqualTo(1);
            assertThat(db.samples()).extracting(MetricSample::name).doesNotContain("container_oom_killed");

            assertThat(value(batches.get("agent.shop"), "memory_usage_ratio",
                    Map.of("namespace", "shop", "workload", "agent", "workload_kind", "DaemonSet", "container", "agent"))).isCloseTo(0.05, within(1e-9));
            assertThat(value(batches.get("debug.shop"), "memory_usage_ratio",
                    Map.of("namespace", "shop", "workload", "debug", "workload_kind", "Pod", "container", "shell")))
                    .as("a pod no workload controls stands for itself").isCloseTo(0.1, within(1e-9));
            assertThat(value(batches.get("web.payments"), "memory_usage_ratio",
                    Map.of("namespace", "payments", "workload", "web", "workload_kind", "Deployment", "container", "app")))
                    .as("a Deployment of the same name elsewhere is another workload").isCloseTo(0.2, within(1e-9));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + binaries.logs(), e);
        }
    }

    /** Until Prometheus holds enough scrapes for rates: the restart counter's increase shows. */
    private static void awaitRatesOver(PrometheusClient client, PrometheusProperties properties) {
        PrometheusQuery recentRestarts = properties.queries().stream().filter(query -> query.signal().equals("container_restarts_recent"))
                .findFirst().orElseThrow();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() ->
                client.query(recentRestarts.expression(), Instant.now()) instanceof PrometheusAnswer.Data data
                        && data.series().stream().anyMatch(series -> "web.shop".equals(series.labels().get("workload_target"))
                        && series.points().stream().anyMatch(point -> point.value() > 0)));
    }

    private static double value(MetricBatch batch, String signal, Map<String, String> labels) {
        return batch.samples().stream().filter(sample -> sample.name().equals(signal) && sample.labels().equals(labels))
                .map(MetricSample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + signal + " " + labels + " in " + batch.resource() + ": " + batch.samples()));
    }

    /** What kube-state-metrics and cAdvisor expose for the cluster, at the given scrape. */
    private static String exposition(int scrape) {
        return """
                # TYPE kube_pod_owner gauge
                kube_pod_owner{namespace="shop",pod="web-7d4b9-abcde",uid="u1",owner_kind="ReplicaSet",owner_name="web-7d4b9",owner_is_controller="true"} 1
                kube_pod_owner{namespace="shop",pod="web-7d4b9-fghij",uid="u2",owner_kind="ReplicaSet",owner_name="web-7d4b9",owner_is_controller="true"} 1
                kube_pod_owner{namespace="shop",pod="db-0",uid="u3",owner_kind="StatefulSet",owner_name="db",owner_is_controller="true"} 1
                kube_pod_owner{namespace="shop",pod="agent-x2k4p",uid="u4",owner_kind="DaemonSet",owner_name="agent",owner_is_controller="true"} 1
                kube_pod_owner{namespace="shop",pod="debug",uid="u5",owner_kind="<none>",owner_name="<none>",owner_is_controller="<none>"} 1
                kube_pod_owner{namespace="payments",pod="web-55f6c-zzzzz",uid="u6",owner_kind="ReplicaSet",owner_name="web-55f6c",owner_is_controller="true"} 1
                # TYPE kube_replicaset_owner gauge
                kube_replicaset_owner{namespace="shop",replicaset="web-7d4b9",owner_kind="Deployment",owner_name="web",owner_is_controller="true"} 1
                kube_replicaset_owner{namespace="payments",replicaset="web-55f6c",owner_kind="Deployment",owner_name="web",owner_is_controller="true"} 1
                # TYPE kube_deployment_status_replicas_available gauge
                kube_deployment_status_replicas_available{namespace="shop",deployment="web"} 1
                kube_deployment_status_replicas_available{namespace="payments",deployment="web"} 1
                # TYPE kube_deployment_spec_replicas gauge
                kube_deployment_spec_replicas{namespace="shop",deployment="web"} 2
                kube_deployment_spec_replicas{namespace="payments",deployment="web"} 1
                # TYPE kube_statefulset_status_replicas_ready gauge
                kube_statefulset_status_replicas_ready{namespace="shop",statefulset="db"} 1
                # TYPE kube_statefulset_replicas gauge
                kube_statefulset_replicas{namespace="shop",statefulset="db"} 1
                # TYPE kube_pod_container_status_restarts_total counter
                kube_pod_container_status_restarts_total{namespace="shop",pod="web-7d4b9-abcde",uid="u1",container="app"} %1$d
                kube_pod_container_status_restarts_total{namespace="shop",pod="web-7d4b9-fghij",uid="u2",container="app"} 0
                kube_pod_container_status_restarts_total{namespace="shop",pod="db-0",uid="u3",container="postgres"} 2
                # TYPE kube_pod_container_status_last_terminated_reason gauge
                kube_pod_container_status_last_terminated_reason{namespace="shop",pod="web-7d4b9-abcde",uid="u1",container="app",reason="OOMKilled"} 1
                # TYPE kube_pod_container_status_running gauge
                kube_pod_container_status_running{namespace="shop",pod="web-7d4b9-abcde",uid="u1",container="app"} 1
                kube_pod_container_status_running{namespace="shop",pod="web-7d4b9-fghij",uid="u2",container="app"} 0
                kube_pod_container_status_running{namespace="shop",pod="db-0",uid="u3",container="postgres"} 1
                # TYPE container_memory_working_set_bytes gauge
                container_memory_working_set_bytes{namespace="shop",pod="web-7d4b9-abcde",container="app",id="/a"} 600
                container_memory_working_set_bytes{namespace="shop",pod="web-7d4b9-abcde",container="POD",id="/a/pause"} 999
                container_memory_working_set_bytes{namespace="shop",pod="web-7d4b9-abcde",container="",id="/a/pod"} 999
                container_memory_working_set_bytes{namespace="shop",pod="web-7d4b9-fghij",container="app",id="/b"} 300
                container_memory_working_set_bytes{namespace="shop",pod="db-0",container="postgres",id="/c"} 500
                container_memory_working_set_bytes{namespace="shop",pod="agent-x2k4p",container="agent",id="/d"} 50
                container_memory_working_set_bytes{namespace="shop",pod="debug",container="shell",id="/e"} 100
                container_memory_working_set_bytes{namespace="payments",pod="web-55f6c-zzzzz",container="app",id="/f"} 200
                container_memory_working_set_bytes{namespace="shop",pod="web-7d4b9-fghij",container="app",id="/b2",workload="ledger",workload_target="ledger.payments"} 100
                container_memory_working_set_bytes{namespace="shop",pod="debug",container="shell",id="/e2",workload_kind="Deployment",workload_target="ledger.payments"} 50
                # TYPE container_spec_memory_limit_bytes gauge
                container_spec_memory_limit_bytes{namespace="shop",pod="web-7d4b9-abcde",container="app",id="/a"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="web-7d4b9-abcde",container="POD",id="/a/pause"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="web-7d4b9-abcde",container="",id="/a/pod"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="web-7d4b9-fghij",container="app",id="/b"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="db-0",container="postgres",id="/c"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="agent-x2k4p",container="agent",id="/d"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="debug",container="shell",id="/e"} 1000
                container_spec_memory_limit_bytes{namespace="payments",pod="web-55f6c-zzzzz",container="app",id="/f"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="web-7d4b9-fghij",container="app",id="/b2",workload="ledger",workload_target="ledger.payments"} 1000
                container_spec_memory_limit_bytes{namespace="shop",pod="debug",container="shell",id="/e2",workload_kind="Deployment",workload_target="ledger.payments"} 1000
                # TYPE container_cpu_usage_seconds_total counter
                container_cpu_usage_seconds_total{namespace="shop",pod="web-7d4b9-abcde",container="app",id="/a"} %2$s
                # TYPE container_spec_cpu_quota gauge
                container_spec_cpu_quota{namespace="shop",pod="web-7d4b9-abcde",container="app",id="/a"} 50000
                # TYPE container_spec_cpu_period gauge
                container_spec_cpu_period{namespace="shop",pod="web-7d4b9-abcde",container="app",id="/a"} 100000
                """.formatted(scrape, Double.toString(scrape * 0.9));
    }
}
