package io.sentinel.helm;

import static io.sentinel.helm.Manifest.list;
import static io.sentinel.helm.Manifest.map;
import static io.sentinel.helm.Manifest.string;
import static io.sentinel.helm.SentinelChart.NAMESPACE;
import static io.sentinel.helm.SentinelChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executor may act on workloads only in the namespaces listed, with only the verbs its steps use. */
class ExecutorRbacTest {

    // docs/kubernetes-actions.md: what the kubernetes steps send, as KubernetesPermissionsTest records it.
    private static final List<Map<String, Object>> WORKLOAD_RULES = List.of(
            Map.of("apiGroups", List.of("apps"), "resources", List.of("deployments", "statefulsets", "daemonsets"),
                    "verbs", List.of("get", "list", "watch", "patch")),
            Map.of("apiGroups", List.of("apps"), "resources", List.of("replicasets"), "verbs", List.of("list")),
            Map.of("apiGroups", List.of(""), "resources", List.of("pods"), "verbs", List.of("list", "delete")));

    @Test
    void withoutNamespacesTheExecutorMayDoNothingInTheCluster() {
        Manifest manifest = SentinelChart.defaults().render();
        assertThat(manifest.all("Role")).isEmpty();
        assertThat(manifest.all("RoleBinding")).isEmpty();
        assertThat(manifest.all("ClusterRole")).isEmpty();
        assertThat(manifest.all("ClusterRoleBinding")).isEmpty();
    }

    @Test
    void aRoleAndItsBindingInEachListedNamespaceAndNowhereElse() {
        Manifest manifest = SentinelChart.defaults().yaml("executor: {kubernetes: {namespaces: [shop, payments], nodes: false}}").render();
        assertThat(manifest.all("Role")).extracting(role -> string(role, "metadata.namespace")).containsExactlyInAnyOrder("shop", "payments");
        for (Map<String, Object> role : manifest.all("Role")) {
            assertThat(string(role, "metadata.name")).isEqualTo(RELEASE + "-executor");
            assertThat(list(role, "rules")).containsExactlyElementsOf(WORKLOAD_RULES);
        }
        assertThat(manifest.all("RoleBinding")).extracting(binding -> string(binding, "metadata.namespace"))
                .containsExactlyInAnyOrder("shop", "payments");
        for (Map<String, Object> binding : manifest.all("RoleBinding")) {
            assertThat(map(binding, "roleRef")).isEqualTo(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", RELEASE + "-executor"));
            assertThat(list(binding, "subjects")).containsExactly(Map.of("kind", "ServiceAccount", "name", RELEASE + "-executor", "namespace", NAMESPACE));
        }
        assertThat(manifest.all("ClusterRole")).isEmpty();
        assertThat(manifest.all("ClusterRoleBinding")).isEmpty();
    }

    @Test
    void cordoningIsAnOptInClusterRoleThatReadsAndPatchesNodesOnly() {
        Manifest manifest = SentinelChart.example("production").render();
        assertThat(manifest.all("ClusterRole")).hasSize(1);
        Map<String, Object> nodes = manifest.all("ClusterRole").getFirst();
        assertThat(list(nodes, "rules")).containsExactly(Map.of("apiGroups", List.of(""), "resources", List.of("nodes"), "verbs", List.of("get", "patch")));
        Map<String, Object> binding = manifest.all("ClusterRoleBinding").getFirst();
        assertThat(string(binding, "roleRef.name")).isEqualTo(string(nodes, "metadata.name"));
        assertThat(list(binding, "subjects")).containsExactly(Map.of("kind", "ServiceAccount", "name", RELEASE + "-executor", "namespace", NAMESPACE));
        assertThat(manifest.all("Role")).extracting(role -> string(role, "metadata.namespace")).containsExactlyInAnyOrder("shop", "payments");
    }

    @Test
    void noRuleAnywhereUsesAWildcard() {
        Manifest manifest = SentinelChart.example("production").render();
        for (String kind : List.of("Role", "ClusterRole")) {
            for (Map<String, Object> role : manifest.all(kind)) {
                for (Map<String, Object> rule : Manifest.<Map<String, Object>>list(role, "rules")) {
                    assertThat(list(rule, "verbs")).as(kind).doesNotContain("*");
                    assertThat(list(rule, "resources")).as(kind).doesNotContain("*");
                    assertThat(list(rule, "apiGroups")).as(kind).doesNotContain("*");
                }
            }
        }
    }
}
