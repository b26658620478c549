package io.sentinel.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.KubernetesAction;
import io.sentinel.playbooks.KubernetesOperation;
import io.sentinel.runtime.inventory.InventoryProperties;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kubernetes step kind against the fabric8 mock API server in CRUD mode: each operation, its restore
 * from the snapshot, and every refusal before anything is sent.
 */
class KubernetesStepKindTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:15:30.123Z");
    private static final String RESTARTED = KubernetesObjects.RESTARTED_AT;
    private static final TargetRef WEB = target("web.shop", "shop", "Deployment", "web");
    private static final TargetRef DB = target("db.shop", "shop", "StatefulSet", "db");
    private static final TargetRef AGENT = target("agent.shop", "shop", "DaemonSet", "agent");
    private static final TargetRef NODE = target("node-1", null, "Node", "node-1");
    private static final TargetRef WEB_OTHER = target("web.other", "other", "Deployment", "web");
    private static final TargetInventory INVENTORY = new TargetInventory(new InventoryProperties(null,
            List.of(configured(WEB), configured(DB), configured(AGENT), configured(NODE), configured(WEB_OTHER))), new RuntimeSettings());

    private final KubernetesApi api = KubernetesApi.started();
    private final List<KubernetesClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(KubernetesClient::close);
        api.close();
    }

    @Test
    void aSnapshotKeepsWhatTheRestoresNeed() {
        Deployment web = api.deployment("shop", "web", 3, "shop:4", Map.of(RESTARTED, "2026-12-01T08:00:00Z"));
        api.cluster.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            d.getMetadata().setAnnotations(Map.of(KubernetesObjects.REVISION, "4"));
            return d;
        });

        StepOutcome outcome = run(action(KubernetesOperation.SNAPSHOT), WEB);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.detail()).isEqualTo("snapshot of Deployment shop/web: 3 replicas, revision 4, last restarted 2026-12-01T08:00:00Z");
        KubernetesSnapshot snapshot = api.cluster.getKubernetesSerialization().unmarshal(outcome.responseBody(), KubernetesSnapshot.class);
        assertThat(snapshot.isOf(WEB.kubernetes())).isTrue();
        assertThat(snapshot.uid()).isEqualTo(web.getMetadata().getUid()).isNotBlank();
        assertThat(snapshot.replicas()).isEqualTo(3);
        assertThat(snapshot.revision()).isEqualTo("4");
        assertThat(snapshot.restartedAt()).isEqualTo("2026-12-01T08:00:00Z");
        assertThat(snapshot.template().getSpec().getContainers().getFirst().getImage()).isEqualTo("shop:4");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Deployment", "StatefulSet", "DaemonSet"})
    void aRolloutRestartSetsTheRestartAnnotationAndItsRestoreRemovesItAgain(String kind) {
        TargetRef target = switch (kind) {
            case "Deployment" -> {
                api.deployment("shop", "web", 2, "shop:4", Map.of());
                yield WEB;
            }
            case "StatefulSet" -> {
                api.statefulSet("shop", "db", 2, "db:16");
                yield DB;
            }
            default -> {
                api.daemonSet("shop", "agent", "agent:1");
                yield AGENT;
            }
        };
        String snapshot = run(action(KubernetesOperation.SNAPSHOT), target).responseBody();

        StepOutcome restart = run(action(KubernetesOperation.ROLLOUT_RESTART), target);

        assertThat(restart.succeeded()).as(restart.detail()).isTrue();
        assertThat(restart.detail()).isEqualTo("restarted " + kind + " shop/" + target.kubernetes().name() + ": " + RESTARTED
                + "=2026-12-05T10:15:30.123Z");
        assertThat(templateAnnotations(target)).containsEntry(RESTARTED, "2026-12-05T10:15:30.123Z");

        StepOutcome restore = run(action(KubernetesOperation.RESTORE_RESTARTED_AT), target, snapshot);

        assertThat(restore.succeeded()).as(restore.detail()).isTrue();
        assertThat(templateAnnotations(target)).doesNotContainKey(RESTARTED);
    }

    @Test
    void theRestoreOfARestartPutsThePreviousRestartBackAndLeavesOtherAnnotationsAlone() {
        api.deployment("shop", "web", 2, "shop:4", Map.of(RESTARTED, "2026-12-01T08:00:00Z", "team", "checkout"));
        String snapshot = run(action(KubernetesOperation.SNAPSHOT), WEB).responseBody();
        run(action(KubernetesOperation.ROLLOUT_RESTART), WEB);

        StepOutcome restore = run(action(KubernetesOperation.RESTORE_RESTARTED_AT), WEB, snapshot);
        StepOutcome again = run(action(KubernetesOperation.RESTORE_RESTARTED_AT), WEB, snapshot);

        assertThat(restore.detail()).isEqualTo("restored Deployment shop/web's " + RESTARTED + " to 2026-12-01T08:00:00Z (was "
                + "2026-12-05T10:15:30.123Z)");
        assertThat(templateAnnotations(WEB)).isEqualTo(Map.of(RESTARTED, "2026-12-01T08:00:00Z", "team", "checkout"));
        assertThat(again.succeeded()).as("restoring twice is harmless").isTrue();
        assertThat(again.detail()).contains("already has the snapshot's");
    }

    @Test
    void aScaleSetsTheReplicasAndItsRestorePutsThePreviousCountBack() {
        api.deployment("shop", "web", 3, "shop:4", Map.of());
        String snapshot = run(action(KubernetesOperation.SNAPSHOT), WEB).responseBody();

        StepOutcome scale = run(scale("{{params.replicas}}", 10, true), WEB, Map.of("replicas", "6"), Map.of(), null);

        assertThat(scale.succeeded()).as(scale.detail()).isTrue();
        assertThat(scale.detail()).isEqualTo("scaled Deployment shop/web from 3 to 6 replicas");
        assertThat(replicas("web")).isEqualTo(6);

        StepOutcome restore = run(action(KubernetesOperation.RESTORE_REPLICAS), WEB, snapshot);

        assertThat(restore.detail()).isEqualTo("restored Deployment shop/web from 6 to 3 replicas");
        assertThat(replicas("web")).isEqualTo(3);
    }

    @Test
    void aScaleAboveThePlaybooksMaximumIsRefusedAndChangesNothing() {
        api.deployment("shop", "web", 3, "shop:4", Map.of());
        int before = api.requests();

        StepOutcome outcome = run(scale("{{params.replicas}}", 10, false), WEB, Map.of("replicas", "50"), Map.of(), null);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.detail()).isEqualTo("scale to 50 replicas refused: the playbook allows 1 to 10");
        assertThat(api.requests()).as("refused before anything was sent").isEqualTo(before);
        assertThat(replicas("web")).isEqualTo(3);
    }

    @Test
    void anIncreaseAddsToTheCurrentCountWithinThePlaybooksMaximum() {
        api.deployment("shop", "web", 8, "shop:4", Map.of());
        KubernetesAction addBy = scale("+{{params.by}}", 10, false);

        StepOutcome two = run(addBy, WEB, Map.of("by", "2"), Map.of(), null);
        StepOutcome beyond = run(addBy, WEB, Map.of("by", "1"), Map.of(), null);

        assertThat(two.detail()).isEqualTo("scaled Deployment shop/web from 8 to 10 replicas");
        assertThat(beyond.succeeded()).isFalse();
        assertThat(beyond.retryable()).isFalse();
        assertThat(beyond.detail()).isEqualTo("scale to 11 replicas (10 +1) refused: the playbook allows 1 to 10");
        assertThat(replicas("web")).isEqualTo(10);
    }

    @Test
    void aScaleUpNeverScalesDownAndAValueThatIsNoNumberIsRefused() {
        api.deployment("shop", "web", 5, "shop:4", Map.of());

        StepOutcome down = run(scale("{{params.replicas}}", 10, true), WEB, Map.of("replicas", "2"), Map.of(), null);
        StepOutcome words = run(scale("{{labels.replicas}}", 10, false), WEB, Map.of(), Map.of("replicas", "9; kubectl delete"), null);

        assertThat(down.detail()).isEqualTo("scale to 2 replicas refused: Deployment shop/web runs 5, and this playbook only scales up");
        assertThat(words.detail()).as("the sender's value is not quoted")
                .isEqualTo("the replica count is not a whole number (5) or an increase (+1)");
        assertThat(replicas("web")).isEqualTo(5);
    }

    @Test
    void aRolloutUndoGoesBackToThePreviousRevisionOfItsOwnReplicaSetsAndItsRestoreReturns() {
        Deployment web = api.deployment("shop", "web", 3, "shop:3", Map.of());
        web = api.cluster.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            d.getMetadata().setAnnotations(Map.of(KubernetesObjects.REVISION, "3"));
            return d;
        });
        api.replicaSet(web, "web-aaa1", 1, "shop:1");
        api.replicaSet(web, "web-bbb2", 2, "shop:2");
        api.replicaSet(web, "web-ccc3", 3, "shop:3");
        Deployment stranger = api.deployment("shop", "web-canary", 1, "shop:9", Map.of());
        // Same labels, higher revision below 3, another owner: not web's history.
        ReplicaSet foreign = api.replicaSet(stranger, "web-ddd9", 2, "evil:1");
        foreign.getMetadata().getLabels().put("app", "web");
        api.cluster.apps().replicaSets().inNamespace("shop").resource(foreign).update();
        String snapshot = run(action(KubernetesOperation.SNAPSHOT), WEB).responseBody();

        StepOutcome undo = run(action(KubernetesOperation.ROLLOUT_UNDO), WEB);

        assertThat(undo.succeeded()).as(undo.detail()).isTrue();
        assertThat(undo.detail()).isEqualTo("rolled Deployment shop/web back from revision 3 to revision 2 (ReplicaSet web-bbb2)");
        Deployment undone = api.cluster.apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(undone.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("shop:2");
        assertThat(undone.getSpec().getTemplate().getMetadata().getLabels()).as("the ReplicaSet's hash label is not the Deployment's")
                .isEqualTo(Map.of("app", "web"));

        StepOutcome restore = run(action(KubernetesOperation.RESTORE_TEMPLATE), WEB, snapshot);

        assertThat(restore.detail()).isEqualTo("restored Deployment shop/web's pod template from the snapshot (revision 3)");
        assertThat(api.cluster.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getTemplate().getSpec()
                .getContainers().getFirst().getImage()).isEqualTo("shop:3");
    }

    @Test
    void aRolloutUndoWithNothingToGoBackToIsRefused() {
        Deployment web = api.deployment("shop", "web", 3, "shop:1", Map.of());
        api.replicaSet(web, "web-aaa1", 1, "shop:1");

        StepOutcome undo = run(action(KubernetesOperation.ROLLOUT_UNDO), WEB);

        assertThat(undo.succeeded()).isFalse();
        assertThat(undo.retryable()).isFalse();
        assertThat(undo.detail()).isEqualTo("Deployment shop/web has no revision before its current one (none) to roll back to");
    }

    @Test
    void aDeletePodTakesTheLeastHealthyPodOfTheTargetAndNoOther() {
        Deployment web = api.deployment("shop", "web", 3, "shop:4", Map.of());
        ReplicaSet current = api.replicaSet(web, "web-ccc3", 3, "shop:4");
        Deployment canary = api.deployment("shop", "web-canary", 1, "shop:9", Map.of());
        ReplicaSet foreign = api.replicaSet(canary, "web-canary-ddd9", 1, "shop:9");
        api.pod("shop", "web-ccc3-a", "web", "ReplicaSet", "web-ccc3", current.getMetadata().getUid(), true, 0);
        api.pod("shop", "web-ccc3-b", "web", "ReplicaSet", "web-ccc3", current.getMetadata().getUid(), false, 5);
        api.pod("shop", "web-ccc3-c", "web", "ReplicaSet", "web-ccc3", current.getMetadata().getUid(), false, 2);
        // Worse, and labelled app=web, but controlled by another Deployment's ReplicaSet.
        api.pod("shop", "web-canary-x", "web", "ReplicaSet", "web-canary-ddd9", foreign.getMetadata().getUid(), false, 99);

        StepOutcome delete = run(action(KubernetesOperation.DELETE_POD), WEB);

        assertThat(delete.succeeded()).as(delete.detail()).isTrue();
        assertThat(delete.detail()).isEqualTo("deleted pod shop/web-ccc3-b of Deployment shop/web (not ready, 5 restarts); its controller "
                + "replaces it");
        assertThat(podNames("shop")).containsExactlyInAnyOrder("web-ccc3-a", "web-ccc3-c", "web-canary-x");
    }

    @Test
    void aPodNamedByASendersLabelMustBelongToTheTarget() {
        Deployment web = api.deployment("shop", "web", 2, "shop:4", Map.of());
        ReplicaSet current = api.replicaSet(web, "web-ccc3", 3, "shop:4");
        api.pod("shop", "web-ccc3-a", "web", "ReplicaSet", "web-ccc3", current.getMetadata().getUid(), true, 0);
        api.pod("shop", "web-ccc3-b", "web", "ReplicaSet", "web-ccc3", current.getMetadata().getUid(), true, 0);
        Deployment payments = api.deployment("shop", "payments", 1, "pay:1", Map.of());
        ReplicaSet paymentsSet = api.replicaSet(payments, "payments-eee1", 1, "pay:1");
        api.pod("shop", "payments-eee1-a", "payments", "ReplicaSet", "payments-eee1", paymentsSet.getMetadata().getUid(), true, 0);
        KubernetesAction named = new KubernetesAction("delete-pod", null, null, null, null, "{{labels.pod}}", null);

        StepOutcome foreign = run(named, WEB, Map.of(), Map.of("pod", "payments-eee1-a"), null);
        StepOutcome own = run(named, WEB, Map.of(), Map.of("pod", "web-ccc3-b"), null);

        assertThat(foreign.succeeded()).isFalse();
        assertThat(foreign.detail()).isEqualTo("pod shop/payments-eee1-a is not a running pod of Deployment shop/web: a kubernetes step "
                + "deletes only pods of its target");
        assertThat(own.succeeded()).as(own.detail()).isTrue();
        assertThat(podNames("shop")).containsExactlyInAnyOrder("web-ccc3-a", "payments-eee1-a");
    }

    @Test
    void aDeletePodNeverTakesTheLastReadyPod() {
        Deployment web = api.deployment("shop", "web", 2, "shop:4", Map.of());
        ReplicaSet current = api.replicaSet(web, "web-ccc3", 3, "shop:4");
        api.pod("shop", "web-ccc3-a", "web", "ReplicaSet", "web-ccc3", current.getMetadata().getUid(), true, 7);

        StepOutcome delete = run(action(KubernetesOperation.DELETE_POD), WEB);

        assertThat(delete.succeeded()).isFalse();
        assertThat(delete.detail()).isEqualTo("pod web-ccc3-a is the last ready pod of Deployment shop/web: deleting it would take the "
                + "workload down");
        assertThat(podNames("shop")).containsExactly("web-ccc3-a");
    }

    @Test
    void aDeletePodOfAStatefulSetTakesOnlyItsOwnPods() {
        var db = api.statefulSet("shop", "db", 2, "db:16");
        api.pod("shop", "db-0", "db", "StatefulSet", "db", db.getMetadata().getUid(), true, 0);
        api.pod("shop", "db-1", "db", "StatefulSet", "db", db.getMetadata().getUid(), true, 3);
        api.pod("shop", "db-imposter", "db", "StatefulSet", "db", "another-uid", false, 50);

        StepOutcome delete = run(action(KubernetesOperation.DELETE_POD), DB);

        assertThat(delete.detail()).isEqualTo("deleted pod shop/db-1 of StatefulSet shop/db (ready, 3 restarts); its controller replaces it");
        assertThat(podNames("shop")).containsExactlyInAnyOrder("db-0", "db-imposter");
    }

    @Test
    void aNodeIsCordonedAndUncordonedAndItsRestorePutsItsScheduleBack() {
        api.node("node-1", false);
        KubernetesStepKind nodes = kind(true);
        String snapshot = run(nodes, action(KubernetesOperation.SNAPSHOT), NODE, Map.of(), Map.of(), null).responseBody();

        StepOutcome cordon = run(nodes, action(KubernetesOperation.CORDON), NODE, Map.of(), Map.of(), null);
        assertThat(cordon.detail()).isEqualTo("cordoned Node node-1: no new pods are scheduled on it");
        assertThat(unschedulable("node-1")).isTrue();

        StepOutcome restore = run(nodes, action(KubernetesOperation.RESTORE_SCHEDULABLE), NODE, Map.of(), Map.of(), snapshot);
        assertThat(restore.detail()).isEqualTo("restored Node node-1 to schedulable, as the snapshot found it");
        assertThat(unschedulable("node-1")).isFalse();

        api.cluster.nodes().withName("node-1").edit(node -> {
            node.getSpec().setUnschedulable(true);
            return node;
        });
        StepOutcome uncordon = run(nodes, action(KubernetesOperation.UNCORDON), NODE, Map.of(), Map.of(), null);
        assertThat(uncordon.succeeded()).isTrue();
        assertThat(unschedulable("node-1")).isFalse();
    }

    @Test
    void nodesAreRefusedUnlessActingOnNodesIsAllowed() {
        api.node("node-1", false);
        int before = api.requests();

        StepOutcome cordon = run(action(KubernetesOperation.CORDON), NODE);

        assertThat(cordon.succeeded()).isFalse();
        assertThat(cordon.detail()).isEqualTo("target node-1 is Node node-1, and acting on nodes is off: "
                + "sentinel.executor.kubernetes.nodes-allowed is false");
        assertThat(api.requests()).isEqualTo(before);
        assertThat(unschedulable("node-1")).isFalse();
    }

    @Test
    void aNamespaceTheConfigurationDoesNotAllowIsRefusedBeforeAnythingIsSent() {
        api.deployment("other", "web", 2, "shop:4", Map.of());
        int before = api.requests();

        StepOutcome restart = run(action(KubernetesOperation.ROLLOUT_RESTART), WEB_OTHER);

        assertThat(restart.succeeded()).isFalse();
        assertThat(restart.retryable()).isFalse();
        assertThat(restart.detail()).isEqualTo("namespace other of target web.other is not in sentinel.executor.kubernetes.allowed-namespaces "
                + "[shop, payments]");
        assertThat(api.requests()).isEqualTo(before);
        assertThat(api.cluster.apps().deployments().inNamespace("other").withName("web").get().getSpec().getTemplate().getMetadata()
                .getAnnotations()).isNullOrEmpty();
    }

    @Test
    void anObjectTheInventoryDoesNotListIsRefusedEvenInAnAllowedNamespace() {
        api.deployment("payments", "ledger", 2, "ledger:1", Map.of());
        TargetRef unlisted = target("ledger.payments", "payments", "Deployment", "ledger");
        TargetRef rerouted = target("web.shop", "payments", "Deployment", "ledger");
        int before = api.requests();

        StepOutcome notListed = run(action(KubernetesOperation.ROLLOUT_RESTART), unlisted);
        StepOutcome otherObject = run(action(KubernetesOperation.ROLLOUT_RESTART), rerouted);

        assertThat(notListed.detail()).isEqualTo("Deployment payments/ledger is not in the inventory as target ledger.payments: a kubernetes "
                + "step acts only on what the inventory lists");
        assertThat(otherObject.detail()).isEqualTo("Deployment payments/ledger is not in the inventory as target web.shop (it lists "
                + "Deployment shop/web): a kubernetes step acts only on what the inventory lists");
        assertThat(api.requests()).isEqualTo(before);
    }

    @Test
    void actsOnTheAuthorizedTargetWhateverTheSendersLabelsName() {
        api.deployment("shop", "web", 2, "shop:4", Map.of());
        api.deployment("payments", "ledger", 2, "ledger:1", Map.of());
        Map<String, String> hostile = Map.of("namespace", "payments", "deployment", "ledger", "workload", "ledger", "pod", "ledger-0");

        StepOutcome restart = run(action(KubernetesOperation.ROLLOUT_RESTART), WEB, Map.of(), hostile, null);

        assertThat(restart.detail()).startsWith("restarted Deployment shop/web:");
        assertThat(templateAnnotations(WEB)).containsKey(RESTARTED);
        assertThat(api.cluster.apps().deployments().inNamespace("payments").withName("ledger").get().getSpec().getTemplate().getMetadata()
                .getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aStepWithoutATargetOrWithoutAKubernetesObjectIsRefused() {
        TargetRef httpOnly = new TargetRef("shop-http", "staging", List.of("http://shop.internal:8080"), null);

        assertThat(run(action(KubernetesOperation.ROLLOUT_RESTART), null).detail())
                .isEqualTo("the incident names no inventory target; this playbook needs one");
        assertThat(run(action(KubernetesOperation.ROLLOUT_RESTART), httpOnly).detail())
                .isEqualTo("target shop-http has no kubernetes entry in the inventory; a kubernetes step acts only on the object the inventory names");
    }

    @Test
    void aRolloutStatusReportsReadyOverDesiredReplicasOnceTheRolloutIsComplete() {
        api.deployment("shop", "web", 3, "shop:4", Map.of());
        status("web", 3, 3, 3, 3);

        StepOutcome status = run(withTimeout(KubernetesOperation.ROLLOUT_STATUS, Duration.ofSeconds(5)), WEB);

        assertThat(status.succeeded()).as(status.detail()).isTrue();
        assertThat(status.detail()).isEqualTo("Deployment shop/web rolled out: 3/3 ready (3 desired, 3 updated, 3 available)");
    }

    @Test
    void aRolloutThatNeverBecomesReadyFailsAtTheStepsDeadlineAndMayPassLater() {
        api.deployment("shop", "web", 3, "shop:4", Map.of());
        status("web", 3, 2, 1, 1);

        StepOutcome status = run(withTimeout(KubernetesOperation.ROLLOUT_STATUS, Duration.ofMillis(400)), WEB);

        assertThat(status.succeeded()).isFalse();
        assertThat(status.retryable()).isTrue();
        assertThat(status.detail()).isEqualTo("Deployment shop/web did not finish rolling out within 0.4 s: 1/3 ready (3 desired, 2 updated, "
                + "1 available), waiting for 1 of 3 replicas to be updated");
    }

    @Test
    void aRolloutStatusWaitsForTheControllerToCatchUp() {
        api.deployment("shop", "web", 3, "shop:4", Map.of());
        status("web", 3, 1, 1, 1);

        int before = api.requests();

        CompletableFuture<StepOutcome> waiting = CompletableFuture.supplyAsync(() ->
                run(withTimeout(KubernetesOperation.ROLLOUT_STATUS, Duration.ofSeconds(20)), WEB));
        // It read the Deployment, listed it and watches it now: then the controller catches up.
        await().atMost(Duration.ofSeconds(10)).until(() -> api.requests() >= before + 3);
        assertThat(waiting).as("still waiting for the rollout").isNotDone();
        status("web", 3, 3, 3, 3);

        StepOutcome status = waiting.join();
        assertThat(status.succeeded()).as(status.detail()).isTrue();
        assertThat(status.detail()).isEqualTo("Deployment shop/web rolled out: 3/3 ready (3 desired, 3 updated, 3 available)");
        assertThat(status.durationMillis()).isLessThan(20_000);
    }

    @Test
    void aDeploymentPastItsProgressDeadlineFailsWithoutWaitingOut() {
        api.deployment("shop", "web", 3, "shop:4", Map.of());
        api.cluster.apps().deployments().inNamespace("shop").withName("web").editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withReplicas(3).withUpdatedReplicas(1).withReadyReplicas(2).withAvailableReplicas(2)
                    .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded").endCondition()
                    .build());
            return d;
        });

        StepOutcome status = run(withTimeout(KubernetesOperation.ROLLOUT_STATUS, Duration.ofSeconds(30)), WEB);

        assertThat(status.succeeded()).isFalse();
        assertThat(status.retryable()).isFalse();
        assertThat(status.detail()).isEqualTo("Deployment shop/web failed to roll out: it exceeded its progress deadline; 2/3 ready "
                + "(3 desired, 1 updated, 2 available)");
        assertThat(status.durationMillis()).isLessThan(30_000);
    }

    @Test
    void aRestoreUsesOnlyASnapshotOfItsOwnTargetAndOnlyOnTheSameObject() {
        api.deployment("shop", "web", 3, "shop:4", Map.of());
        api.statefulSet("shop", "db", 2, "db:16");
        String ofDb = run(action(KubernetesOperation.SNAPSHOT), DB).responseBody();
        String ofWeb = run(action(KubernetesOperation.SNAPSHOT), WEB).responseBody();
        api.cluster.apps().deployments().inNamespace("shop").withName("web").delete();
        await().until(() -> api.cluster.apps().deployments().inNamespace("shop").withName("web").get() == null);
        api.deployment("shop", "web", 5, "shop:5", Map.of());

        StepOutcome wrongObject = run(action(KubernetesOperation.RESTORE_REPLICAS), WEB, ofDb);
        StepOutcome replaced = run(action(KubernetesOperation.RESTORE_REPLICAS), WEB, ofWeb);
        StepOutcome none = run(action(KubernetesOperation.RESTORE_REPLICAS), WEB, null);
        StepOutcome garbage = run(action(KubernetesOperation.RESTORE_REPLICAS), WEB, "{\"body\": \"from an http snapshot\"");

        assertThat(wrongObject.detail()).isEqualTo("the snapshot is of StatefulSet shop/db, not of the target Deployment shop/web");
        assertThat(replaced.detail()).isEqualTo("Deployment shop/web was deleted and created anew since the snapshot: what the snapshot "
                + "holds is not this object's to restore");
        assertThat(none.detail()).isEqualTo("no snapshot was taken, so there is nothing to restore");
        assertThat(garbage.detail()).startsWith("the snapshot is not a kubernetes snapshot");
        assertThat(List.of(wrongObject, replaced, none, garbage)).allSatisfy(outcome -> assertThat(outcome.retryable()).isFalse());
        assertThat(replicas("web")).isEqualTo(5);
    }

    @Test
    void anObjectThatDoesNotExistFailsAndWillFailAgain() {
        StepOutcome restart = run(action(KubernetesOperation.ROLLOUT_RESTART), WEB);

        assertThat(restart.succeeded()).isFalse();
        assertThat(restart.retryable()).isFalse();
        assertThat(restart.detail()).isEqualTo("Deployment shop/web does not exist");
    }

    @Test
    void anOperationOnTheWrongKindIsRefused() {
        api.daemonSet("shop", "agent", "agent:1");

        assertThat(run(scale("3", 5, false), AGENT).detail())
                .isEqualTo("scale acts on a Deployment or StatefulSet; the target is DaemonSet shop/agent");
        assertThat(run(action(KubernetesOperation.ROLLOUT_UNDO), AGENT).detail())
                .isEqualTo("rollout-undo acts on a Deployment; the target is DaemonSet shop/agent");
        assertThat(run(action(KubernetesOperation.CORDON), WEB).detail())
                .isEqualTo("cordon acts on a Node; the target is Deployment shop/web");
    }

    @Test
    void anApiServerThatDoesNotAnswerFailsTheStepAsRetryable() {
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort());
        KubernetesClient client = KubernetesConnection.client(properties(nowhere));
        clients.add(client);
        KubernetesStepKind unreachable = KubernetesStepKind.of(client, scope(false), Clock.fixed(NOW, ZoneOffset.UTC));

        StepOutcome restart = run(unreachable, action(KubernetesOperation.ROLLOUT_RESTART), WEB, Map.of(), Map.of(), null);

        assertThat(restart.succeeded()).isFalse();
        assertThat(restart.retryable()).isTrue();
        assertThat(restart.detail()).startsWith("rollout-restart on Deployment shop/web failed: no answer from the API server: ");
    }

    private StepOutcome run(KubernetesAction action, TargetRef target) {
        return run(action, target, Map.of(), Map.of(), null);
    }

    private StepOutcome run(KubernetesAction action, TargetRef target, String snapshot) {
        return run(action, target, Map.of(), Map.of(), snapshot);
    }

    private StepOutcome run(KubernetesAction action, TargetRef target, Map<String, String> params, Map<String, String> labels, String snapshot) {
        return run(kind(false), action, target, params, labels, snapshot);
    }

    private static StepOutcome run(KubernetesStepKind kind, KubernetesAction action, TargetRef target, Map<String, String> params,
                                   Map<String, String> labels, String snapshot) {
        return kind.run(action, new TemplateVariables(labels, params, "inc-1", "web.shop", snapshot, target, name -> Optional.empty()));
    }

    private KubernetesStepKind kind(boolean nodesAllowed) {
        KubernetesClient client = KubernetesConnection.client(properties(api.url()));
        clients.add(client);
        return KubernetesStepKind.of(client, scope(nodesAllowed), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static KubernetesScope scope(boolean nodesAllowed) {
        return new KubernetesScope(List.of("shop", "payments"), nodesAllowed, INVENTORY::find);
    }

    private static KubernetesStepProperties properties(URI masterUrl) {
        return new KubernetesStepProperties(List.of("shop", "payments"), false, masterUrl, null, null, Duration.ofSeconds(5));
    }

    private static KubernetesAction action(KubernetesOperation operation) {
        return KubernetesAction.of(operation);
    }

    private static KubernetesAction withTimeout(KubernetesOperation operation, Duration timeout) {
        return new KubernetesAction(operation.written(), null, null, null, null, null, timeout);
    }

    private static KubernetesAction scale(String replicas, int max, boolean upOnly) {
        return new KubernetesAction("scale", replicas, null, max, upOnly, null, null);
    }

    private Map<String, String> templateAnnotations(TargetRef target) {
        KubernetesRef ref = target.kubernetes();
        var template = switch (ref.kind()) {
            case "Deployment" -> api.cluster.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get().getSpec().getTemplate();
            case "StatefulSet" -> api.cluster.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get().getSpec().getTemplate();
            default -> api.cluster.apps().daemonSets().inNamespace(ref.namespace()).withName(ref.name()).get().getSpec().getTemplate();
        };
        return template.getMetadata().getAnnotations() == null ? Map.of() : template.getMetadata().getAnnotations();
    }

    private int replicas(String deployment) {
        return api.cluster.apps().deployments().inNamespace("shop").withName(deployment).get().getSpec().getReplicas();
    }

    private boolean unschedulable(String node) {
        return Boolean.TRUE.equals(api.cluster.nodes().withName(node).get().getSpec().getUnschedulable());
    }

    private List<String> podNames(String namespace) {
        return api.cluster.pods().inNamespace(namespace).list().getItems().stream().map(Pod::getMetadata).map(m -> m.getName()).toList();
    }

    private void status(String deployment, int replicas, int updated, int ready, int available) {
        api.deploymentStatus("shop", deployment, replicas, updated, ready, available);
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TargetRef target(String name, String namespace, String kind, String object) {
        return new TargetRef(name, "staging", List.of(), new KubernetesRef(namespace, kind, object));
    }

    private static ConfiguredTarget configured(TargetRef target) {
        return new ConfiguredTarget(target.name(), target.environment(), target.urls(), target.kubernetes());
    }
}
