package io.sentinel.runtime.inventory.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.inventory.InventoryProperties;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inventory filled from the workloads the (mock, CRUD) API server lists, next to the configured targets. */
class KubernetesInventoryTest {

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new KubernetesCrudDispatcher(), false);
    private final NamespacedKubernetesClient cluster;

    KubernetesInventoryTest() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        cluster = server.createClient();
    }

    @AfterEach
    void stop() {
        cluster.close();
        server.destroy();
    }

    @Test
    void everyWorkloadOfTheListedNamespacesBecomesATargetInItsNamespacesEnvironment() {
        cluster.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .withNamespace("shop").endMetadata().build()).create();
        cluster.apps().statefulSets().inNamespace("shop").resource(new StatefulSetBuilder().withNewMetadata().withName("db")
                .withNamespace("shop").endMetadata().build()).create();
        cluster.apps().daemonSets().inNamespace("staging-shop").resource(new DaemonSetBuilder().withNewMetadata().withName("agent")
                .withNamespace("staging-shop").endMetadata().build()).create();
        cluster.apps().deployments().inNamespace("kube-system").resource(new DeploymentBuilder().withNewMetadata().withName("coredns")
                .withNamespace("kube-system").endMetadata().build()).create();
        var configured = new InventoryProperties(null, List.of(new ConfiguredTarget("db.shop", "staging", List.of("http://db.internal:8080"), null)));

        InventoryProperties filled = KubernetesInventoryConfiguration.withDiscovered(configured, new KubernetesInventoryProperties(
                Map.of("shop", "production", "staging-shop", "staging"), URI.create(server.url("/"))));
        TargetInventory inventory = new TargetInventory(filled, new RuntimeSettings());

        assertThat(inventory.all()).containsOnlyKeys("web.shop", "db.shop", "agent.staging-shop");
        assertThat(inventory.find("web.shop")).hasValue(new TargetRef("web.shop", "production", List.of(),
                new KubernetesRef("shop", "Deployment", "web")));
        assertThat(inventory.find("agent.staging-shop").orElseThrow().environment()).isEqualTo("staging");
        assertThat(inventory.find("db.shop").orElseThrow().kubernetes()).as("the configured target stands").isNull();
    }

    @Test
    void anUnreachableApiServerLeavesTheConfiguredTargets() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var configured = new InventoryProperties(null, List.of(new ConfiguredTarget("shop", "staging", List.of("http://shop.internal:8080"), null)));

        InventoryProperties filled = KubernetesInventoryConfiguration.withDiscovered(configured, new KubernetesInventoryProperties(
                Map.of("shop", "production"), URI.create("http://127.0.0.1:" + closed)));

        assertThat(filled).isSameAs(configured);
    }

    @Test
    void anEnvironmentTheInventoryDoesNotKnowStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> KubernetesInventoryConfiguration.withDiscovered(new InventoryProperties(null, List.of()),
                new KubernetesInventoryProperties(Map.of("shop", "prod"), URI.create(server.url("/")))))
                .hasMessage("sentinel.inventory.kubernetes.namespaces.shop 'prod' is not one of sentinel.inventory.environments "
                        + "[development, staging, production]");
        assertThatThrownBy(() -> new KubernetesInventoryProperties(Map.of("Shop_1", "production"), null))
                .hasMessageContaining("'Shop_1' is not a Kubernetes namespace name");
    }

    @Test
    void namesNoTwoWorkloadsAliasAndNoneTooLongToBeATarget() {
        String long50 = "w".repeat(50);
        var discovered = WorkloadTargets.of(List.of(
                        new WorkloadTargets.Workload("shop", "Deployment", "web"),
                        new WorkloadTargets.Workload("shop", "StatefulSet", "web"),
                        new WorkloadTargets.Workload("shop-with-a-long-namespace", "Deployment", long50),
                        new WorkloadTargets.Workload("shop", "Deployment", "cart")),
                Map.of("shop", "production", "shop-with-a-long-namespace", "production"), Set.of());

        assertThat(discovered.targets()).extracting(ConfiguredTarget::name).containsExactly("cart.shop");
        assertThat(discovered.leftOut()).containsExactly(
                "[Deployment shop/web, StatefulSet shop/web] would share the target name web.shop; configure the one to act on",
                "Deployment shop-with-a-long-namespace/" + long50 + ": " + long50 + ".shop-with-a-long-namespace cannot be a target's name "
                        + "(at most 63 characters)");
    }
}
