package io.sentinel.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricReferencesTest {

    @Test
    void readsMetricNamesButNotFunctionsKeywordsLabelsRangesOrNumbers() {
        assertThat(MetricReferences.metricNames("""
                histogram_quantile(0.99, sum by (le, service) (rate(sentinel_events_handling_seconds_bucket{service="x",le!="1"}[$__rate_interval])))
                / on (service) group_left sum without (topic) (sentinel_outbox_pending offset 5m) > bool 1e3
                or vector(0) unless absent(up{job=~"a|b"}[5m:1m])""")).containsExactlyInAnyOrder(
                "sentinel_events_handling_seconds_bucket", "sentinel_outbox_pending", "up");
    }

    @Test
    void aMetricOnItsOwnOrAfterAnOperatorIsStillAMetric() {
        assertThat(MetricReferences.metricNames("sentinel_outbox_pending")).containsExactly("sentinel_outbox_pending");
        assertThat(MetricReferences.metricNames("max by (service) (sentinel_a) - sentinel_b == 1"))
                .containsExactlyInAnyOrder("sentinel_a", "sentinel_b");
        assertThat(MetricReferences.metricNames("sum(rate(x_total{msg=\"by (le) sum(\"}[5m]))")).containsExactly("x_total");
        assertThat(MetricReferences.metricNames("sum(rate(${metric}[5m])) + rate(y[$interval])")).containsExactly("y");
    }

    @Test
    void aLiteralServiceMatcherTiesAMetricToItsService() {
        assertThat(MetricReferences.serviceSelectors("sum(rate(a_total{service=\"gateway\",topic=\"t\"}[5m])) / b{topic=\"t\", service=\"detector\"}"
                + " + c{service=~\"x|y\"} + d{other_service=\"z\"}"))
                .containsExactly(new MetricReferences.ServiceSelector("a_total", "gateway"),
                        new MetricReferences.ServiceSelector("b", "detector"));
    }

    @Test
    void readsExpositionNamesWithAndWithoutLabels() {
        assertThat(MetricReferences.exposed("""
                # HELP sentinel_outbox_pending Events
                # TYPE sentinel_outbox_pending gauge
                sentinel_outbox_pending{service="detector"} 0.0
                process_uptime_seconds 12.5
                """)).containsExactlyInAnyOrder("sentinel_outbox_pending", "process_uptime_seconds");
    }

    @Test
    void findsQueriesInDashboardsRuleFilesAndInlineChartRulesButNotInRuleTests(@TempDir Path deploy) throws IOException {
        Files.createDirectories(deploy.resolve("grafana"));
        Files.createDirectories(deploy.resolve("prometheus"));
        Files.createDirectories(deploy.resolve("helm/sentinel/templates"));
        Files.writeString(deploy.resolve("grafana/board.json"), """
                {"panels": [{"targets": [{"expr": "sum(a_total)"}]}, {"panels": [{"targets": [{"expr": "b"}]}]}]}""");
        Files.writeString(deploy.resolve("prometheus/rules.yaml"), """
                groups:
                  - name: g
                    rules:
                      - record: job:c:rate5m
                        expr: rate(c_total[5m])
                      - alert: D
                        expr: >-
                          job:c:rate5m
                          > d_seconds_max
                """);
        Files.writeString(deploy.resolve("prometheus/rules.test.yaml"), """
                rule_files: [rules.yaml]
                tests:
                  - promql_expr_test:
                      - expr: not_a_metric_of_ours
                """);
        Files.writeString(deploy.resolve("helm/sentinel/templates/rules.yaml"), """
                {{- if .Values.monitoring.enabled }}
                kind: PrometheusRule
                spec:
                  groups:
                    - rules:
                        - alert: E
                          expr: e_total > {{ .Values.threshold }}
                        - alert: F
                          expr: |
                            sum(f_total)
                              > 1
                          for: 5m
                {{- end }}
                """);

        var queries = MetricReferences.queries(deploy);

        assertThat(queries).extracting(MetricReferences.Query::where).contains("grafana/board.json", "prometheus/rules.yaml",
                "helm/sentinel/templates/rules.yaml").doesNotContain("prometheus/rules.test.yaml");
        assertThat(MetricReferences.metrics(queries).keySet()).containsExactlyInAnyOrder("a_total", "b", "c_total", "job:c:rate5m",
                "d_seconds_max", "e_total", "f_total");
        assertThat(MetricReferences.recorded(deploy)).containsExactly("job:c:rate5m");
        assertThat(MetricReferences.inlineExprs(Files.readString(deploy.resolve("helm/sentinel/templates/rules.yaml"))))
                .isEqualTo(List.of("e_total > {{ .Values.threshold }}", "sum(f_total) > 1"));
    }
}
