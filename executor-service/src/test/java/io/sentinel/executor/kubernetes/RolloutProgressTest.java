package io.sentinel.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

class RolloutProgressTest {

    @Test
    void aDeploymentIsRolledOutWhenEveryDesiredReplicaRunsTheLatestTemplateAndIsAvailable() {
        assertThat(RolloutProgress.of(deployment(2, 3, 3, 3, 3, 3, 2)).complete()).isTrue();
        assertThat(RolloutProgress.of(deployment(2, 3, 3, 3, 3, 3, 1)).waitingFor()).isEqualTo("the controller to see the latest spec");
        assertThat(RolloutProgress.of(deployment(2, 3, 4, 3, 3, 3, 2)).waitingFor()).isEqualTo("1 old replicas to terminate");
        assertThat(RolloutProgress.of(deployment(2, 3, 3, 2, 3, 2, 2)).waitingFor()).isEqualTo("1 of 3 replicas to be updated");
        assertThat(RolloutProgress.of(deployment(2, 3, 3, 3, 3, 1, 2)).waitingFor()).isEqualTo("2 of 3 updated replicas to become available");
        assertThat(RolloutProgress.of(deployment(2, 3, 3, 3, 3, 1, 2)).settled()).isFalse();
    }

    @Test
    void aDeploymentWithoutAStatusYetIsWaitedFor() {
        Deployment fresh = new DeploymentBuilder().withNewMetadata().withName("web").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(2).endSpec().build();

        RolloutProgress progress = RolloutProgress.of(fresh);

        assertThat(progress.complete()).isFalse();
        assertThat(progress.replicas()).isEqualTo("0/2 ready (2 desired, 0 updated, 0 available)");
    }

    @Test
    void aStatefulSetIsRolledOutWhenEveryReplicaIsReadyOnTheCurrentRevision() {
        assertThat(RolloutProgress.of(statefulSet(3, 3, 3, "db-2", "db-2", "RollingUpdate")).complete()).isTrue();
        assertThat(RolloutProgress.of(statefulSet(3, 2, 3, "db-1", "db-2", "RollingUpdate")).waitingFor())
                .isEqualTo("1 of 3 replicas to become ready");
        assertThat(RolloutProgress.of(statefulSet(3, 3, 3, "db-1", "db-2", "RollingUpdate")).waitingFor())
                .isEqualTo("revision db-2 to become current");
        assertThat(RolloutProgress.of(statefulSet(3, 3, 1, "db-1", "db-2", "OnDelete")).complete())
                .as("OnDelete updates pods only when someone deletes them").isTrue();
    }

    @Test
    void aDaemonSetIsRolledOutWhenEveryNodeRunsAnAvailableUpdatedPod() {
        assertThat(RolloutProgress.of(daemonSet(4, 4, 4)).complete()).isTrue();
        assertThat(RolloutProgress.of(daemonSet(4, 3, 3)).waitingFor()).isEqualTo("1 of 4 pods to be updated");
        assertThat(RolloutProgress.of(daemonSet(4, 4, 2)).waitingFor()).isEqualTo("2 of 4 updated pods to become available");
    }

    private static Deployment deployment(long generation, int desired, int replicas, int updated, int ready, int available, long observed) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(desired).endSpec()
                .withNewStatus().withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready).withAvailableReplicas(available)
                .withObservedGeneration(observed).endStatus().build();
    }

    private static StatefulSet statefulSet(int desired, int ready, int updated, String current, String update, String strategy) {
        return new StatefulSetBuilder().withNewMetadata().withName("db").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(desired).withNewUpdateStrategy().withType(strategy).endUpdateStrategy().endSpec()
                .withNewStatus().withReadyReplicas(ready).withUpdatedReplicas(updated).withCurrentRevision(current).withUpdateRevision(update)
                .withObservedGeneration(1L).endStatus().build();
    }

    private static DaemonSet daemonSet(int desired, int updated, int available) {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").withGeneration(1L).endMetadata()
                .withNewStatus().withDesiredNumberScheduled(desired).withUpdatedNumberScheduled(updated).withNumberAvailable(available)
                .withNumberReady(available).withObservedGeneration(1L).endStatus().build();
    }
}
