package io.sentinel.helm;

import static io.sentinel.helm.Manifest.at;
import static io.sentinel.helm.Manifest.list;
import static io.sentinel.helm.Manifest.map;
import static io.sentinel.helm.Manifest.string;
import static io.sentinel.helm.SentinelChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ServiceMonitor and PrometheusRule with the Prometheus Operator only, dashboards for Grafana's sidecar. */
class MonitoringTest {

    private static final Path RULES = SentinelChart.REPOSITORY.resolve("deploy/prometheus/sentinel-rules.yaml");
    private static final Path DASHBOARDS = SentinelChart.REPOSITORY.resolve("deploy/grafana");

    @Test
    void withoutTheOperatorsApiThereIsNoServiceMonitorOrRule() {
        // helm-java renders with Helm's built-in API versions, which do not include monitoring.coreos.com/v1:
        // what `helm install` sees on a cluster without the Prometheus Operator.
        Manifest manifest = SentinelChart.defaults().render();
        assertThat(manifest.all("ServiceMonitor")).isEmpty();
        assertThat(manifest.all("PrometheusRule")).isEmpty();
        assertThat(SentinelChart.read(SentinelChart.CHART.resolve("templates/_helpers.tpl")))
                .contains(".Capabilities.APIVersions.Has \"monitoring.coreos.com/v1\"");
    }

    @Test
    void turnedOnTheServiceMonitorScrapesEveryManagementPort() {
        Manifest manifest = SentinelChart.defaults().set("monitoring.prometheusOperator", "enabled").render();
        Map<String, Object> monitor = manifest.one("ServiceMonitor", RELEASE);
        Map<String, Object> selector = map(monitor, "spec.selector.matchLabels");
        List<Map<String, Object>> selected = manifest.all("Service").stream()
                .filter(service -> map(service, "metadata.labels").entrySet().containsAll(selector.entrySet())).toList();
        assertThat(selected).extracting(service -> string(service, "metadata.name")).containsExactlyInAnyOrderElementsOf(
                SentinelChart.SERVICES.stream().map(service -> RELEASE + "-" + service + "-management").toList());
        assertThat(list(monitor, "spec.endpoints")).containsExactly(Map.of("port", "management", "path", "/actuator/prometheus",
                "interval", "30s", "honorLabels", true));
        assertThat(manifest.all("PrometheusRule")).hasSize(1);
        assertThat(manifest.one("PrometheusRule", RELEASE)).isNotNull();
        assertThat(SentinelChart.defaults().set("monitoring.prometheusOperator", "disabled").render().all("ServiceMonitor")).isEmpty();
    }

    @Test
    void theOperatorsRulesAreTheRulesFileInTheRepository() {
        Manifest manifest = SentinelChart.example("production").render();
        Map<String, Object> rule = manifest.one("PrometheusRule", RELEASE);
        assertThat(map(rule, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
        Map<String, Object> file = SentinelChart.yaml().load(SentinelChart.read(RULES));
        assertThat(at(rule, "spec")).isEqualTo(file);
        assertThat(list(file, "groups")).isNotEmpty();
        assertThat(SentinelChart.read(SentinelChart.CHART.resolve("files/sentinel-rules.yaml")))
                .as("deploy/helm/sentinel/files/sentinel-rules.yaml must be a copy of deploy/prometheus/sentinel-rules.yaml")
                .isEqualTo(SentinelChart.read(RULES));
    }

    @Test
    void everyDashboardIsAConfigMapForGrafanasSidecar() throws IOException {
        List<Path> dashboards = jsonFiles(DASHBOARDS);
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(5);
        Manifest manifest = SentinelChart.defaults().render();
        for (Path dashboard : dashboards) {
            String file = dashboard.getFileName().toString();
            Path copy = SentinelChart.CHART.resolve("files/dashboards").resolve(file);
            assertThat(Files.exists(copy)).as("deploy/helm/sentinel/files/dashboards/" + file + " (a copy of deploy/grafana/" + file + ")").isTrue();
            assertThat(SentinelChart.read(copy)).as(copy + " must be a copy of " + dashboard).isEqualTo(SentinelChart.read(dashboard));
            Map<String, Object> configMap = manifest.all("ConfigMap").stream()
                    .filter(candidate -> map(candidate, "data").containsKey(file)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap carries " + file));
            assertThat(map(configMap, "metadata.labels")).containsEntry("grafana_dashboard", "1");
            assertThat(map(configMap, "metadata.annotations")).containsEntry("grafana_folder", "Sentinel");
            assertThat(string(configMap, "data." + file)).isEqualTo(SentinelChart.read(dashboard).stripTrailing());
        }
        assertThat(jsonFiles(SentinelChart.CHART.resolve("files/dashboards"))).hasSameSizeAs(dashboards);
        assertThat(SentinelChart.defaults().set("monitoring.grafanaDashboards.enabled", false).render().all("ConfigMap"))
                .noneMatch(configMap -> map(configMap, "metadata.labels").containsKey("grafana_dashboard"));
    }

    private static List<Path> jsonFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }
}
