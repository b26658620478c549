package io.sentinel.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.StepPhase;
import io.sentinel.events.execution.VerificationFailed;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.execution.VerificationStarted;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kubernetes playbooks run by the executor (see {@link RunningExecutor}): the shipped rolling restart
 * on a Deployment the inventory names, verified by its rollout, and a rollout that never becomes ready,
 * which fails verification and is rolled back. The mock API server runs no controllers: the test
 * plays the Deployment controller's part by writing the status it would report.
 */
class KubernetesExecutionIntegrationTest extends RunningExecutor {

    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    @Test
    void restartsTheInventorysDeploymentAndVerifiesItByItsReadyReplicas() {
        String incident = newIncident();
        String deployment = "web-" + shortId();
        kubernetes.deployment(NAMESPACE, deployment, 3, "shop:4", Map.of());
        kubernetes.deploymentStatus(NAMESPACE, deployment, 3, 3, 3, 3);
        TargetRef target = newDeploymentTarget(deployment);

        sender.send(authorized(incident, "k8s-rollout-restart", target, labels()));

        awaitEvent(VerificationStarted.class, incident);
        assertThat(kubernetes.templateAnnotations(NAMESPACE, deployment)).containsKey(RESTARTED_AT);
        kubernetes.deploymentStatus(NAMESPACE, deployment, 3, 3, 3, 3);
        sender.send(cleared(incident));

        VerificationPassed passed = awaitEvent(VerificationPassed.class, incident);
        assertThat(passed.detail()).endsWith("1 check passed");
        assertThat(steps(incident)).extracting(StepCompleted::phase).containsExactly(StepPhase.SNAPSHOT, StepPhase.ACTION, StepPhase.CHECK);
        assertThat(steps(incident)).extracting(StepCompleted::detail).containsExactly(
                "snapshot of Deployment shop/" + deployment + ": 3 replicas, never restarted by rollout restart",
                steps(incident).get(1).detail(),
                "Deployment shop/" + deployment + " rolled out: 3/3 ready (3 desired, 3 updated, 3 available)");
        assertThat(steps(incident).get(1).detail()).startsWith("restarted Deployment shop/" + deployment + ": " + RESTARTED_AT + "=");
        assertThat(events(RollbackSucceeded.class, incident)).isEmpty();
    }

    @Test
    void aRolloutThatNeverBecomesReadyFailsVerificationAndIsRolledBack() {
        String incident = newIncident();
        String deployment = "web-" + shortId();
        kubernetes.deployment(NAMESPACE, deployment, 3, "shop:4", Map.of());
        TargetRef target = newDeploymentTarget(deployment);

        sender.send(authorized(incident, "k8s-restart-quick", target, labels()));

        ExecutionStarted started = awaitEvent(ExecutionStarted.class, incident);
        awaitEvent(VerificationStarted.class, incident);
        // The new pods never become ready: one of three updated and ready.
        kubernetes.deploymentStatus(NAMESPACE, deployment, 4, 1, 1, 1);
        sender.send(cleared(incident));

        VerificationFailed failed = awaitEvent(VerificationFailed.class, incident);
        assertThat(failed.executionId()).isEqualTo(started.executionId());
        assertThat(failed.reason()).isEqualTo("check 'rollout-complete' failed: Deployment shop/" + deployment + " did not finish rolling out "
                + "within 1 s: 1/3 ready (3 desired, 1 updated, 1 available), waiting for 2 of 3 replicas to be updated");
        RollbackSucceeded rolledBack = awaitEvent(RollbackSucceeded.class, incident);
        assertThat(rolledBack.detail()).isEqualTo("undone by 1 rollback step: restore-restarted-at");
        await().atMost(WAIT).until(() -> !kubernetes.templateAnnotations(NAMESPACE, deployment).containsKey(RESTARTED_AT));
        assertThat(steps(incident)).extracting(StepCompleted::phase)
                .containsExactly(StepPhase.SNAPSHOT, StepPhase.ACTION, StepPhase.CHECK, StepPhase.ROLLBACK);
    }

    @Test
    void aDeploymentOutsideTheAllowedNamespacesIsNeverTouched() {
        String incident = newIncident();
        String name = "ledger.payments";
        kubernetes.deployment("payments", "ledger", 2, "ledger:1", Map.of());
        sender.send(new SettingChanged("inventory.targets." + name, JsonMapper.shared().readTree("""
                {"environment": "staging", "kubernetes": {"namespace": "payments", "kind": "Deployment", "name": "ledger"}}
                """), "test", Instant.now()));
        await().atMost(WAIT).until(() -> inventory.find(name).isPresent());

        sender.send(authorized(incident, "k8s-rollout-restart", inventory.find(name).orElseThrow(), labels()));

        RollbackSucceeded rolledBack = awaitEvent(RollbackSucceeded.class, incident);
        assertThat(steps(incident)).extracting(StepCompleted::detail).first().isEqualTo("namespace payments of target ledger.payments is not in "
                + "sentinel.executor.kubernetes.allowed-namespaces [shop]");
        assertThat(rolledBack.detail()).isEqualTo("no action step ran; nothing to undo");
        assertThat(kubernetes.templateAnnotations("payments", "ledger")).doesNotContainKey(RESTARTED_AT);
    }
}
