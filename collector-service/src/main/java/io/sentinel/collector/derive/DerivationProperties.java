package io.sentinel.collector.derive;

import io.sentinel.collector.derive.DerivedSignal.Formula;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The canonical signals the collector derives, from {@code sentinel.collector.derived}. Setting the
 * list replaces the defaults rather than adding to them, so an operator's list is the whole list.
 */
@ConfigurationProperties("sentinel.collector")
public record DerivationProperties(List<DerivedSignal> derived) {

    /** Memory usage of containers (cAdvisor, the kubelet) and of hosts (node_exporter). */
    public static final List<DerivedSignal> DEFAULTS = List.of(
            new DerivedSignal("memory_usage_ratio", Formula.RATIO, "container_memory_working_set_bytes", "container_spec_memory_limit_bytes"),
            new DerivedSignal("memory_usage_ratio", Formula.ONE_MINUS_RATIO, "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes"));

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
