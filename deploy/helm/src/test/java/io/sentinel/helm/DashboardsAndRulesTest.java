package io.sentinel.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboards and alert rules ask only for series the services export, in valid PromQL. */
class DashboardsAndRulesTest {

    @Test
    void everyMetricQueriedIsOneTheServicesExport() throws IOException {
        Set<String> exported = new TreeSet<>(MetricQueries.exportedBySentinel());
        assertThat(exported).as("meters found in the services' code").contains("sentinel_events_consumed_total", "sentinel_outbox_pending",
                "sentinel_events_handling_seconds_count", "sentinel_executor_executions_total", "sentinel_collector_source_degraded");
        exported.addAll(MetricQueries.FRAMEWORK);
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        Set<String> used = new TreeSet<>();
        MetricQueries.all().forEach((where, query) -> {
            Set<String> names = MetricQueries.metricNames(query);
            assertThat(names).as("metrics in " + where + ": " + query).isNotEmpty();
            used.addAll(names);
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(exported);
            if (!missing.isEmpty()) {
                unknown.put(where, missing);
            }
        });
        // The list to reconcile with what a running service serves on /actuator/prometheus.
        Path list = Path.of("target", "rendered", "metrics-used.txt");
        Files.createDirectories(list.getParent());
        Files.writeString(list, String.join("\n", used) + "\n");
        assertThat(unknown).as("metrics no service exports (" + list + " lists every one used)").isEmpty();
    }

    @Test
    void theMetricNameExtractionSeesThroughLabelsRangesAndFunctions() {
        assertThat(MetricQueries.metricNames("histogram_quantile(0.99, sum by (le, topic) (rate(a_seconds_bucket{topic=\"x\",namespace=~\"$namespace\"}[$__rate_interval])))"))
                .containsExactly("a_seconds_bucket");
        assertThat(MetricQueries.metricNames("sum(b_total) / sum(c_total) or vector(0)")).containsExactly("b_total", "c_total");
        assertThat(MetricQueries.metricNames("x unless on (service) y > 0")).containsExactly("x", "y");
    }

    @Test
    void everyDashboardIsGrafanaJsonWithAStableUidAndTheDataSourceAsAVariable() throws IOException {
        try (Stream<Path> files = Files.list(MetricQueries.GRAFANA)) {
            List<Path> dashboards = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
            assertThat(dashboards).extracting(path -> path.getFileName().toString()).containsExactly("sentinel-actions.json",
                    "sentinel-detection.json", "sentinel-incidents.json", "sentinel-llm.json", "sentinel-pipeline.json");
            for (Path file : dashboards) {
                Map<String, Object> dashboard = SentinelChart.yaml().load(SentinelChart.read(file));
                assertThat(dashboard.get("uid")).as(file.toString()).isEqualTo(file.getFileName().toString().replace(".json", ""));
                assertThat((String) dashboard.get("title")).as(file.toString()).startsWith("Sentinel / ");
                assertThat(Manifest.<Map<String, Object>>list(dashboard, "templating.list")).extracting(variable -> variable.get("name"))
                        .contains("datasource", "namespace");
                for (Map<String, Object> panel : Manifest.<Map<String, Object>>list(dashboard, "panels")) {
                    if (!"row".equals(panel.get("type"))) {
                        assertThat(Manifest.string(panel, "datasource.uid")).as(file + " " + panel.get("title")).isEqualTo("${datasource}");
                        assertThat(Manifest.list(panel, "targets")).as(file + " " + panel.get("title")).isNotEmpty();
                    }
                }
            }
        }
    }

    @Test
    void everyQueryIsValidPromQl(@TempDir Path scratch) throws Exception {
        // promtool checks expressions as recording rules; Grafana's variables become what Grafana puts there.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (String query : MetricQueries.all().values()) {
            String concrete = query.replace("$__rate_interval", "2m").replace("$__range", "6h").replace("$namespace", ".*");
            rules.append("      - record: sentinel_dashboard:query_").append(n++).append("\n        expr: '")
                    .append(concrete.replace("'", "''").replace("\n", " ")).append("'\n");
        }
        Path file = scratch.resolve("queries.yaml");
        Files.writeString(file, rules);
        Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(directory -> Path.of(directory, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        if (promtool == null) {
            Assumptions.abort("promtool is not on the PATH (Debian package prometheus): the dashboards' PromQL was not checked");
        }
        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + n + " rules found");
    }
}
