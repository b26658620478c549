package io.sentinel.collector.derive;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The canonical signals the collector derives from scraped series, from {@code sentinel.collector.derived}.
 * Setting the list replaces the defaults rather than adding to them, so an operator's list is the
 * whole list.
 */
@ConfigurationProperties("sentinel.collector")
public record DerivationProperties(List<DerivedSignal> derived) {

    /**
     * Containers (cAdvisor, or an application exposing cAdvisor's names), hosts (node_exporter) and
     * applications (HTTP request counters, queues): the canonical signals detectors are written for.
     */
    public static final List<DerivedSignal> DEFAULTS = List.of(
            DerivedSignal.ratio("memory_usage_ratio", "container_memory_working_set_bytes", "container_spec_memory_limit_bytes"),
            DerivedSignal.oneMinusRatio("memory_usage_ratio", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes"),
            DerivedSignal.rateOverQuota("cpu_usage_ratio", "container_cpu_usage_seconds_total", "container_spec_cpu_quota",
                    "container_spec_cpu_period"),
            DerivedSignal.oneMinusIdleRate("cpu_usage_ratio", "node_cpu_seconds_total"),
            DerivedSignal.sumOfRates("http_requests_per_second", "http_server_requests_total", "code", null),
            DerivedSignal.sumOfRates("http_errors_per_second", "http_server_requests_total", "code", "5.."),
            DerivedSignal.rate("queue_consumed_per_second", "queue_consumed_total"),
            DerivedSignal.gauge("queue_depth", "queue_depth"),
            DerivedSignal.gauge("container_up", "container_up"));

    public DerivationProperties {
        derived = derived == null ? DEFAULTS : List.copyOf(derived);
        for (int i = 0; i < derived.size(); i++) {
            derived.get(i).validate("sentinel.collector.derived[" + i + "]");
        }
    }

    public List<Derivation> derivations() {
        return derived.stream().map(DerivedSignal::derivation).toList();
    }
}
