package io.sentinel.local.demo;

import java.util.Locale;

/**
 * A snapshot of the demo service's measurements, rendered in the Prometheus exposition format under
 * the names cAdvisor uses for a container, so Sentinel's collector treats it as it would a pod.
 */
public record DemoMetrics(String container, long memoryUsedBytes, long memoryLimitBytes, double cpuSeconds, long requests,
                          long serverErrors, long queueDepth, long queueConsumed, long restarts) {

    public String exposition() {
        String labels = "{container=\"" + container + "\"}";
        String queueLabels = "{container=\"" + container + "\",queue=\"orders\"}";
        return String.join("\n",
                "# HELP container_memory_working_set_bytes Bytes the demo service holds (baseline, cache and leaked buffers).",
                "# TYPE container_memory_working_set_bytes gauge",
                "container_memory_working_set_bytes" + labels + " " + memoryUsedBytes,
                "# HELP container_spec_memory_limit_bytes The demo service's memory limit.",
                "# TYPE container_spec_memory_limit_bytes gauge",
                "container_spec_memory_limit_bytes" + labels + " " + memoryLimitBytes,
                "# HELP container_cpu_usage_seconds_total CPU time burnt by the demo service's busy thread.",
                "# TYPE container_cpu_usage_seconds_total counter",
                "container_cpu_usage_seconds_total" + labels + " " + String.format(Locale.ROOT, "%.6f", cpuSeconds),
                "# HELP container_spec_cpu_quota The demo service's CPU quota per period (one core).",
                "# TYPE container_spec_cpu_quota gauge",
                "container_spec_cpu_quota" + labels + " 100000",
                "# HELP container_spec_cpu_period The CPU quota's period in microseconds.",
                "# TYPE container_spec_cpu_period gauge",
                "container_spec_cpu_period" + labels + " 100000",
                "# HELP container_up Whether the demo service's container is running.",
                "# TYPE container_up gauge",
                "container_up" + labels + " 1",
                "# HELP http_server_requests_total Requests served, by status code.",
                "# TYPE http_server_requests_total counter",
                "http_server_requests_total{container=\"" + container + "\",code=\"200\"} " + (requests - serverErrors),
                "http_server_requests_total{container=\"" + container + "\",code=\"500\"} " + serverErrors,
                "# HELP queue_depth Work items waiting in the demo service's queue.",
                "# TYPE queue_depth gauge",
                "queue_depth" + queueLabels + " " + queueDepth,
                "# HELP queue_consumed_total Work items the demo service has consumed.",
                "# TYPE queue_consumed_total counter",
                "queue_consumed_total" + queueLabels + " " + queueConsumed,
                "# HELP demo_restarts_total Times the demo service was restarted by a remediation.",
                "# TYPE demo_restarts_total counter",
                "demo_restarts_total" + labels + " " + restarts,
                "");
    }
}
