package io.sentinel.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.KubernetesAction;
import io.sentinel.playbooks.KubernetesOperation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RBAC rules docs/kubernetes-actions.md lists (and the Helm chart renders into the executor's Role)
 * are exactly the verbs and resources each operation sends to the API server: recorded here, request
 * by request, on a workload where every operation succeeds.
 */
class KubernetesPermissionsTest {

    private static final TargetRef WEB = new TargetRef("web.shop", "staging", List.of(), new KubernetesRef("shop", "Deployment", "web"));
    private static final TargetRef NODE = new TargetRef("node-1", "staging", List.of(), new KubernetesRef(null, "Node", "node-1"));

    private final KubernetesApi api = KubernetesApi.started();
    private final KubernetesClient client = KubernetesConnection.client(new KubernetesStepProperties(List.of("shop"), true, api.url(), null,
            null, Duration.ofSeconds(5)));
    private final KubernetesStepKind kind = KubernetesStepKind.of(client, new KubernetesScope(List.of("shop"), true,
            name -> Optional.of(name.equals(NODE.name()) ? NODE : WEB)), Clock.systemUTC());

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    @Test
    void eachOperationOnAWorkloadUsesExactlyTheDocumentedVerbs() {
        Deployment web = api.deployment("shop", "web", 2, "shop:2", Map.of());
        web = api.cluster.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            d.getMetadata().setAnnotations(Map.of(KubernetesObjects.REVISION, "2"));
            return d;
        });
        api.replicaSet(web, "web-aaa1", 1, "shop:1");
        ReplicaSet current = api.replicaSet(web, "web-bbb2", 2, "shop:2");
        api.pod("shop", "web-bbb2-a", "web", "ReplicaSet", "web-bbb2", current.getMetadata().getUid(), true, 0);
        api.pod("shop", "web-bbb2-b", "web", "ReplicaSet", "web-bbb2", current.getMetadata().getUid(), false, 3);
        api.deploymentStatus("shop", "web", 2, 2, 2, 2);
        api.permissionsUsed();

        String snapshot = run(KubernetesOperation.SNAPSHOT, WEB, null, Set.of("get deployments")).responseBody();
        run(KubernetesOperation.ROLLOUT_RESTART, WEB, null, Set.of("get deployments", "patch deployments"));
        run(KubernetesOperation.RESTORE_RESTARTED_AT, WEB, snapshot, Set.of("get deployments", "patch deployments"));
        assertPermissions(new KubernetesAction("scale", "3", null, 5, null, null, null), WEB, null, Set.of("get deployments", "patch deployments"));
        run(KubernetesOperation.RESTORE_REPLICAS, WEB, snapshot, Set.of("get deployments", "patch deployments"));
        run(KubernetesOperation.ROLLOUT_UNDO, WEB, null, Set.of("get deployments", "list replicasets", "patch deployments"));
        run(KubernetesOperation.RESTORE_TEMPLATE, WEB, snapshot, Set.of("get deployments", "patch deployments"));
        api.deploymentStatus("shop", "web", 2, 1, 1, 1);
        api.permissionsUsed();
        CompletableFuture<StepOutcome> waiting = CompletableFuture.supplyAsync(() -> kind.run(
                new KubernetesAction("rollout-status", null, null, null, null, null, Duration.ofSeconds(20)), variables(WEB, null)));
        Set<String> used = new TreeSet<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            used.addAll(api.permissionsUsed());
            return used.contains("watch deployments");
        });
        api.deploymentStatus("shop", "web", 2, 2, 2, 2);
        assertThat(waiting.join().succeeded()).isTrue();
        used.addAll(api.permissionsUsed());
        used.removeAll(Set.of("get deployments", "patch deployments"));
        assertThat(used).as("rollout-status, beside the test's own status writes").isEqualTo(Set.of("list deployments", "watch deployments"));
        run(KubernetesOperation.DELETE_POD, WEB, null, Set.of("get deployments", "list replicasets", "list pods", "delete pods"));
    }

    @Test
    void eachOperationOnANodeUsesExactlyTheDocumentedVerbs() {
        api.node("node-1", false);
        api.permissionsUsed();

        String snapshot = run(KubernetesOperation.SNAPSHOT, NODE, null, Set.of("get nodes")).responseBody();
        run(KubernetesOperation.CORDON, NODE, null, Set.of("get nodes", "patch nodes"));
        run(KubernetesOperation.RESTORE_SCHEDULABLE, NODE, snapshot, Set.of("get nodes", "patch nodes"));
        run(KubernetesOperation.UNCORDON, NODE, null, Set.of("get nodes", "patch nodes"));
    }

    private StepOutcome run(KubernetesOperation operation, TargetRef target, String snapshot, Set<String> expected) {
        return assertPermissions(KubernetesAction.of(operation), target, snapshot, expected);
    }

    private StepOutcome assertPermissions(KubernetesAction action, TargetRef target, String snapshot, Set<String> expected) {
        StepOutcome outcome = kind.run(action, variables(target, snapshot));
        assertThat(outcome.succeeded()).as(action.action() + ": " + outcome.detail()).isTrue();
        assertThat(api.permissionsUsed()).as(action.action()).isEqualTo(Set.copyOf(expected));
        return outcome;
    }

    private static TemplateVariables variables(TargetRef target, String snapshot) {
        return new TemplateVariables(Map.of(), Map.of(), "inc-1", target.name(), snapshot, target, name -> Optional.empty());
    }
}
