package io.sentinel.collector.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

class PrometheusPropertiesTest {

    private static final String P = "sentinel.collector.prometheus";

    @Test
    void theDefaultsDocumentedInCollectorYamlAreTheDefaultsInCode() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("collector.yaml", new ClassPathResource("collector.yaml"))
                .forEach(environment.getPropertySources()::addFirst);

        PrometheusProperties documented = new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate(P, PrometheusProperties.class);

        assertThat(documented.queries()).isEqualTo(PrometheusProperties.DEFAULTS);
        assertThat(documented).isEqualTo(bind(Map.of()));
        assertThat(documented.configured()).as("no Prometheus unless one is named").isFalse();
        assertThat(documented.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(documented.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(documented.fallbackAfter()).isEqualTo(3);
        assertThat(documented.maxResponseBytes()).isEqualTo(DataSize.ofMegabytes(8));
    }

    @Test
    void theDefaultsCoverTheCanonicalSignalsOfHostsContainersAndApplications() {
        assertThat(PrometheusProperties.DEFAULTS).extracting(PrometheusQuery::signal).contains("cpu_usage_ratio", "memory_usage_ratio",
                "disk_usage_ratio", "network_receive_bytes_per_second", "network_transmit_bytes_per_second", "network_errors_per_second",
                "node_up", "container_restarts_total", "container_up", "http_request_latency_seconds", "http_requests_per_second",
                "http_errors_per_second", "queue_depth", "queue_consumed_per_second");
    }

    @Test
    void theContainerSignalsNameTheWorkloadThatControlsThePod() {
        assertThat(PrometheusProperties.DEFAULTS).filteredOn(query -> query.keepLabels().contains("container"))
                .extracting(PrometheusQuery::signal)
                .containsExactlyInAnyOrder("memory_usage_ratio", "cpu_usage_ratio", "container_restarts_total", "container_restarts_recent",
                        "container_oom_killed", "container_up");
        assertThat(PrometheusProperties.DEFAULTS).filteredOn(query -> query.keepLabels().contains("container")).allSatisfy(query -> {
            assertThat(query.byWorkload()).isNotNull();
            assertThat(query.resourceLabel()).isEqualTo("workload_target");
            assertThat(query.keepLabels()).containsExactly("namespace", "workload", "workload_kind", "container");
            assertThat(query.expression()).contains("kube_pod_owner", "kube_replicaset_owner").startsWith(query.byWorkload() + " by (");
        });
        assertThat(PrometheusProperties.DEFAULTS).filteredOn(query -> query.signal().equals("replicas_available_ratio")).singleElement()
                .satisfies(query -> {
                    assertThat(query.resourceLabel()).isEqualTo("workload_target");
                    assertThat(query.expression()).contains("kube_deployment_status_replicas_available", "kube_deployment_spec_replicas",
                            "kube_statefulset_status_replicas_ready", "kube_statefulset_replicas");
                });
    }

    @Test
    void bindsAByWorkloadQueryWithItsResourceLabelAndKeptLabels() {
        PrometheusProperties properties = bind(Map.of(
                P + ".queries[0].signal", "memory_usage_ratio",
                P + ".queries[0].promql", "container_memory_working_set_bytes",
                P + ".queries[0].by-workload", "max",
                P + ".queries[0].keep-labels", "container"));

        assertThat(properties.queries()).containsExactly(PrometheusQuery.byWorkload("memory_usage_ratio", "container_memory_working_set_bytes",
                "max", List.of("container")));
        assertThat(properties.queries().getFirst().resourceLabel()).isEqualTo("workload_target");
        assertThat(properties.queries().getFirst().expression()).startsWith("max by (namespace, workload, workload_kind, workload_target, "
                + "container) (((container_memory_working_set_bytes) * on (namespace, pod) group_left (workload, workload_kind, workload_target) ");
    }

    @Test
    void theRatesTheHourlyBaselineJudgesReadAWeekOfHistoryAtStartUp() {
        assertThat(PrometheusProperties.DEFAULTS).filteredOn(PrometheusQuery::backfills)
                .extracting(PrometheusQuery::signal, PrometheusQuery::backfill, PrometheusQuery::backfillStep)
                .containsExactlyInAnyOrder(
                        tuple("http_requests_per_second", Duration.ofDays(7), Duration.ofMinutes(15)),
                        tuple("http_errors_per_second", Duration.ofDays(7), Duration.ofMinutes(15)));
    }

    @Test
    void bindsAQueryWithBackfill() {
        PrometheusProperties properties = bind(Map.of(
                P + ".url", "http://prometheus.monitoring:9090/prom",
                P + ".labels.environment", "production",
                P + ".queries[0].signal", "cpu_usage_ratio",
                P + ".queries[0].promql", "sum by (pod) (rate(x[1m]))",
                P + ".queries[0].resource-label", "pod",
                P + ".queries[0].keep-labels", "namespace,container",
                P + ".queries[0].backfill", "7d"));

        assertThat(properties.url()).isEqualTo(URI.create("http://prometheus.monitoring:9090/prom"));
        assertThat(properties.labels()).isEqualTo(Map.of("environment", "production"));
        assertThat(properties.queries()).containsExactly(new PrometheusQuery("cpu_usage_ratio", "sum by (pod) (rate(x[1m]))", "pod",
                List.of("namespace", "container"), Duration.ofDays(7), Duration.ofHours(1), null));
    }

    @Test
    void anEmptyUrlIsNoPrometheus() {
        assertThat(bind(Map.of(P + ".url", "")).configured()).isFalse();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of(P + ".url", "prometheus:9090"), P + ".url must be an absolute http or https URL with a host, was 'prometheus:9090'"),
                Arguments.of(Map.of(P + ".url", "http://admin:hunter2@prometheus:9090"), P + ".url must not carry credentials"),
                Arguments.of(Map.of(P + ".fallback-after", "0"), P + ".fallback-after must be at least 1 round, was 0"),
                Arguments.of(Map.of(P + ".interval", "0s"), P + ".interval must be a positive duration, was PT0S"),
                Arguments.of(Map.of(P + ".labels.team-name", "x"), P + ".labels: 'team-name' is not a Prometheus label name"),
                Arguments.of(Map.of(P + ".queries[0].signal", "cpu usage", P + ".queries[0].promql", "up"),
                        P + ".queries[0].signal must be a Prometheus metric name"),
                Arguments.of(Map.of(P + ".queries[0].signal", "up", P + ".queries[0].promql", " "),
                        P + ".queries[0].promql must be a PromQL expression, was empty"),
                Arguments.of(Map.of(P + ".queries[0].signal", "up", P + ".queries[0].promql", "up", P + ".queries[0].resource-label", "pod-name"),
                        P + ".queries[0].resource-label must be a Prometheus label name, was 'pod-name'"),
                Arguments.of(Map.of(P + ".queries[0].signal", "up", P + ".queries[0].promql", "up", P + ".queries[0].keep-labels[0]", "a.b"),
                        P + ".queries[0].keep-labels[0] must be a Prometheus label name, was 'a.b'"),
                Arguments.of(Map.of(P + ".queries[0].signal", "up", P + ".queries[0].promql", "up", P + ".queries[0].backfill", "30m"),
                        P + ".queries[0].backfill must be at least backfill-step (PT1H), was PT30M"),
                Arguments.of(Map.of(P + ".queries[0].signal", "up", P + ".queries[0].promql", "up", P + ".queries[0].backfill", "30d",
                                P + ".queries[0].backfill-step", "1m"),
                        P + ".queries[0].backfill of PT720H at backfill-step PT1M is 43200 points per series; Prometheus answers at most 11000: "
                                + "raise backfill-step"),
                Arguments.of(Map.of(P + ".queries[0].signal", "up", P + ".queries[0].promql", "up", P + ".queries[0].by-workload", "median"),
                        P + ".queries[0].by-workload must be one of [avg, max, min, sum] (how a workload's pods combine), was 'median'"),
                Arguments.of(Map.of(P + ".queries[0].signal", "up", P + ".queries[0].promql", "up", P + ".queries[0].by-workload", "max",
                                P + ".queries[0].resource-label", "pod"),
                        P + ".queries[0].resource-label of a by-workload query is workload_target (<workload>.<namespace>), was 'pod'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void refusesInvalidSettingsNamingTheProperty(Map<String, String> properties, String message) {
        assertThatThrownBy(() -> bind(properties)).rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message)
                .hasMessageNotContaining("hunter2");
    }

    private static PrometheusProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(P, PrometheusProperties.class);
    }
}
