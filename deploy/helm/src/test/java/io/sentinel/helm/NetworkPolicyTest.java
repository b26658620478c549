package io.sentinel.helm;

import static io.sentinel.helm.Manifest.list;
import static io.sentinel.helm.Manifest.map;
import static io.sentinel.helm.SentinelChart.RELEASE;
import static io.sentinel.helm.SentinelChart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each service reaches Kafka, PostgreSQL, DNS and the OTLP collector; the executor also the API and its targets. */
class NetworkPolicyTest {

    private static final Manifest DEFAULTS = SentinelChart.defaults().render();
    private static final Manifest PRODUCTION = SentinelChart.example("production").render();

    @Test
    void everyServiceIsolatedInBothDirections() {
        for (String service : SERVICES) {
            Map<String, Object> policy = DEFAULTS.one("NetworkPolicy", RELEASE + "-" + service);
            assertThat(list(policy, "spec.policyTypes")).containsExactly("Ingress", "Egress");
            assertThat(map(policy, "spec.podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", service);
        }
    }

    @Test
    void onlyTheGatewayAndTheCollectorAcceptRequestsOnTheirPort() {
        for (String service : SERVICES) {
            List<Map<String, Object>> ingress = list(PRODUCTION.one("NetworkPolicy", RELEASE + "-" + service), "spec.ingress");
            Set<Object> ports = new LinkedHashSet<>();
            ingress.forEach(rule -> Manifest.<Map<String, Object>>list(rule, "ports").forEach(port -> ports.add(port.get("port"))));
            assertThat(ports).as(service).containsExactlyElementsOf(
                    service.equals("gateway") || service.equals("collector") ? List.of("management", "http") : List.of("management"));
        }
        List<Map<String, Object>> gateway = list(PRODUCTION.one("NetworkPolicy", RELEASE + "-gateway"), "spec.ingress");
        assertThat(list(gateway.get(1), "from")).containsExactly(
                Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))));
        List<Map<String, Object>> management = list(DEFAULTS.one("NetworkPolicy", RELEASE + "-detector"), "spec.ingress");
        assertThat(list(management.getFirst(), "from")).containsExactly(
                Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))));
    }

    @Test
    void servicesLeaveOnlyForTheirDependencies() {
        // Defaults: DNS, Kafka, PostgreSQL; the OTLP collector only once tracing is on.
        assertThat(egressPorts(DEFAULTS, "detector")).containsExactly("53/UDP", "53/TCP", "9092/TCP", "9093/TCP", "5432/TCP");
        assertThat(egressPorts(DEFAULTS, "policy")).containsExactly("53/UDP", "53/TCP", "9092/TCP", "9093/TCP", "5432/TCP");
        assertThat(egressPorts(PRODUCTION, "detector")).containsExactly("53/UDP", "53/TCP", "9094/TCP", "5432/TCP", "4318/TCP");
        // Each one's own outside world: Prometheus for the collector, the LLM, webhooks, the identity provider.
        assertThat(egressPorts(DEFAULTS, "collector")).endsWith("9090/TCP");
        assertThat(egressPorts(DEFAULTS, "analyzer")).endsWith("443/TCP");
        assertThat(egressPorts(DEFAULTS, "notifier")).endsWith("443/TCP");
        List<Map<String, Object>> egress = list(PRODUCTION.one("NetworkPolicy", RELEASE + "-detector"), "spec.egress");
        assertThat(list(egress.get(1), "to")).containsExactly(Map.of("ipBlock", Map.of("cidr", "10.20.0.0/24")));
        assertThat(list(egress.get(2), "to")).containsExactly(Map.of("ipBlock", Map.of("cidr", "10.30.0.0/24")));
    }

    @Test
    void theExecutorAlsoReachesTheApiServerAndItsAllowlistedTargets() {
        assertThat(egressPorts(PRODUCTION, "executor")).containsExactly("53/UDP", "53/TCP", "9094/TCP", "5432/TCP", "4318/TCP", "6443/TCP", "8080/TCP");
        List<Map<String, Object>> egress = list(PRODUCTION.one("NetworkPolicy", RELEASE + "-executor"), "spec.egress");
        assertThat(list(egress.get(4), "to")).containsExactly(Map.of("ipBlock", Map.of("cidr", "10.0.0.10/32")),
                Map.of("ipBlock", Map.of("cidr", "10.0.0.11/32")), Map.of("ipBlock", Map.of("cidr", "10.0.0.12/32")));
        assertThat(list(egress.get(5), "to")).containsExactly(Map.of("ipBlock", Map.of("cidr", "10.96.0.0/12")));
        assertThat(egressPorts(DEFAULTS, "executor")).containsExactly("53/UDP", "53/TCP", "9092/TCP", "9093/TCP", "5432/TCP", "443/TCP", "6443/TCP");
    }

    @Test
    void policiesCanBeLeftToTheCluster() {
        assertThat(SentinelChart.defaults().set("networkPolicy.enabled", false).render().all("NetworkPolicy")).isEmpty();
    }

    private static List<String> egressPorts(Manifest manifest, String service) {
        List<String> ports = new java.util.ArrayList<>();
        for (Map<String, Object> rule : Manifest.<Map<String, Object>>list(manifest.one("NetworkPolicy", RELEASE + "-" + service), "spec.egress")) {
            for (Map<String, Object> port : Manifest.<Map<String, Object>>list(rule, "ports")) {
                ports.add(port.get("port") + "/" + port.get("protocol"));
            }
        }
        return ports;
    }
}
