package io.sentinel.collector.prometheus;

import io.sentinel.collector.series.SeriesNames;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Prometheus HTTP API as a source of signals, from {@code sentinel.collector.prometheus}.
 *
 * @param url              Prometheus' base URL (e.g. {@code http://prometheus.monitoring:9090}); none
 *                         by default, and then the scrape targets are the source
 * @param interval         pause between the end of one round of queries and the start of the next
 * @param timeout          how long one query may take, answer included; also sent to Prometheus
 * @param fallbackAfter    consecutive failed rounds after which the collector scrapes the targets itself
 * @param maxResponseBytes answers larger than this are refused (a parsed answer takes about five
 *                         times its size in memory while it is read)
 * @param labels           added to every batch from Prometheus, e.g. {@code environment: production}
 * @param queries          what to ask; setting the list replaces the defaults
 */
@ConfigurationProperties("sentinel.collector.prometheus")
public record PrometheusProperties(URI url,
                                   @DefaultValue("15s") Duration interval,
                                   @DefaultValue("5s") Duration timeout,
                                   @DefaultValue("3") int fallbackAfter,
                                   @DefaultValue("8MB") DataSize maxResponseBytes,
                                   Map<String, String> labels,
                                   List<PrometheusQuery> queries) {

    private static final String PREFIX = "sentinel.collector.prometheus";
    private static final String NOT_SYSTEM = "{container!=\"\",container!=\"POD\"}";

    private static final Duration RATE_HISTORY = Duration.ofDays(7);
    /** Four points an hour: 672 per series, well inside Prometheus' limit and the response size limit. */
    private static final Duration RATE_HISTORY_STEP = Duration.ofMinutes(15);

    /**
     * node_exporter (hosts, by {@code instance}), cAdvisor and kube-state-metrics (containers, by the
     * workload that controls their pod: {@code <workload>.<namespace>}, see {@link WorkloadJoin}) and
     * Micrometer-instrumented applications (by {@code instance}): the canonical signals from the
     * exporters nearly every cluster runs. A query whose metrics do not exist answers an empty result,
     * which is not an error.
     */
    public static final List<PrometheusQuery> DEFAULTS = List.of(
            PrometheusQuery.of("cpu_usage_ratio", "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m]))", "instance", List.of()),
            PrometheusQuery.of("memory_usage_ratio", "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes", "instance", List.of()),
            PrometheusQuery.of("disk_usage_ratio",
                    "1 - node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay|squashfs\"} / node_filesystem_size_bytes{fstype!~\"tmpfs|overlay|squashfs\"}",
                    "instance", List.of("mountpoint", "device")),
            PrometheusQuery.of("network_receive_bytes_per_second", "rate(node_network_receive_bytes_total{device!=\"lo\"}[1m])", "instance",
                    List.of("device")),
            PrometheusQuery.of("network_transmit_bytes_per_second", "rate(node_network_transmit_bytes_total{device!=\"lo\"}[1m])", "instance",
                    List.of("device")),
            PrometheusQuery.of("network_errors_per_second",
                    "rate(node_network_receive_errs_total{device!=\"lo\"}[1m]) + rate(node_network_transmit_errs_total{device!=\"lo\"}[1m])",
                    "instance", List.of("device")),
            PrometheusQuery.of("node_up", "up{job=~\".*node.*\"}", "instance", List.of("job")),
            PrometheusQuery.byWorkload("memory_usage_ratio",
                    "container_memory_working_set_bytes" + NOT_SYSTEM + " / (container_spec_memory_limit_bytes" + NOT_SYSTEM + " > 0)",
                    "max", List.of("container")),
            PrometheusQuery.byWorkload("cpu_usage_ratio",
                    "sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total" + NOT_SYSTEM + "[1m]))"
                            + " / sum by (namespace, pod, container) ((container_spec_cpu_quota" + NOT_SYSTEM + " > 0)"
                            + " / container_spec_cpu_period" + NOT_SYSTEM + ")",
                    "max", List.of("container")),
            PrometheusQuery.byWorkload("container_restarts_total", "max by (namespace, pod, container) (kube_pod_container_status_restarts_total)",
                    "max", List.of("container")),
            PrometheusQuery.byWorkload("container_restarts_recent",
                    "max by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total[10m]))", "sum", List.of("container")),
            PrometheusQuery.byWorkload("container_oom_killed",
                    "max by (namespace, pod, container) (kube_pod_container_status_last_terminated_reason{reason=\"OOMKilled\"})"
                            + " * on (namespace, pod, container) (max by (namespace, pod, container)"
                            + " (increase(kube_pod_container_status_restarts_total[10m])) > bool 0)",
                    "max", List.of("container")),
            PrometheusQuery.byWorkload("container_up", "max by (namespace, pod, container) (kube_pod_container_status_running)", "min",
                    List.of("container")),
            PrometheusQuery.of("replicas_available_ratio", WorkloadJoin.named("Deployment", "deployment",
                            "max by (namespace, deployment) (kube_deployment_status_replicas_available)"
                                    + " / max by (namespace, deployment) (kube_deployment_spec_replicas > 0)")
                            + " or " + WorkloadJoin.named("StatefulSet", "statefulset",
                            "max by (namespace, statefulset) (kube_statefulset_status_replicas_ready)"
                                    + " / max by (namespace, statefulset) (kube_statefulset_replicas > 0)"),
                    WorkloadJoin.TARGET, WorkloadJoin.LABELS),
            PrometheusQuery.of("http_request_latency_seconds",
                    "histogram_quantile(0.99, sum by (le, instance) (rate(http_server_requests_seconds_bucket[5m])))", "instance", List.of()),
            // The rates the hourly baseline judges: their history is read at start-up, so it need not wait a day to judge.
            new PrometheusQuery("http_requests_per_second", "sum by (instance) (rate(http_server_requests_seconds_count[1m]))", "instance",
                    List.of(), RATE_HISTORY, RATE_HISTORY_STEP, null),
            new PrometheusQuery("http_errors_per_second",
                    "sum by (instance) (rate(http_server_requests_seconds_count{status=~\"5..\"}[1m]))"
                            + " or sum by (instance) (rate(http_server_requests_seconds_count[1m])) * 0",
                    "instance", List.of(), RATE_HISTORY, RATE_HISTORY_STEP, null),
            PrometheusQuery.of("queue_depth", "queue_depth", "instance", List.of("queue")),
            PrometheusQuery.of("queue_consumed_per_second", "rate(queue_consumed_total[1m])", "instance", List.of("queue")));

    public PrometheusProperties {
        // An empty value (SENTINEL_COLLECTOR_PROMETHEUS_URL="") means none, as leaving it unset does.
        url = url == null || url.toString().isBlank() ? null : url;
        if (url != null && (!url.isAbsolute() || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())))) {
            throw new IllegalArgumentException(PREFIX + ".url must be an absolute http or https URL with a host, was '" + url + "'");
        }
        if (url != null && url.getRawUserInfo() != null) {
            // Echoing the URL would print the password this check is about.
            throw new IllegalArgumentException(PREFIX + ".url must not carry credentials");
        }
        requirePositive(interval, PREFIX + ".interval");
        requirePositive(timeout, PREFIX + ".timeout");
        if (fallbackAfter < 1) {
            throw new IllegalArgumentException(PREFIX + ".fallback-after must be at least 1 round, was " + fallbackAfter);
        }
        if (maxResponseBytes == null || maxResponseBytes.toBytes() < 1024 || maxResponseBytes.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(PREFIX + ".max-response-bytes must be between 1KB and 2GB, was " + maxResponseBytes);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        for (String label : labels.keySet()) {
            if (!SeriesNames.isLabelName(label)) {
                throw new IllegalArgumentException(PREFIX + ".labels: '" + label + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
        }
        queries = queries == null ? DEFAULTS : List.copyOf(queries);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + ".queries must not be empty; leave it unset for the defaults");
        }
        for (int i = 0; i < queries.size(); i++) {
            if (queries.get(i) == null) {
                throw new IllegalArgumentException(PREFIX + ".queries[" + i + "] is empty");
            }
            queries.get(i).validate(PREFIX + ".queries[" + i + "]");
        }
    }

    public boolean configured() {
        return url != null;
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }
}
