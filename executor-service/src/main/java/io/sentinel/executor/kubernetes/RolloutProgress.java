package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;

/**
 * How far a workload's rollout is, judged as {@code kubectl rollout status} judges it: the controller has
 * seen the latest spec, every desired replica runs the latest template, and every one of them is
 * available (ready). A Deployment past its progress deadline has failed. Pure.
 *
 * @param desired   replicas the workload should run
 * @param ready     replicas ready
 * @param updated   replicas on the latest pod template
 * @param available replicas available (ready for the workload's minReadySeconds)
 */
record RolloutProgress(boolean complete, boolean failed, int desired, int ready, int updated, int available, String waitingFor) {

    static RolloutProgress of(HasMetadata workload) {
        long generation = workload.getMetadata().getGeneration() == null ? 0 : workload.getMetadata().getGeneration();
        return switch (workload) {
            case Deployment deployment -> deployment(deployment, generation);
            case StatefulSet statefulSet -> statefulSet(statefulSet, generation);
            case DaemonSet daemonSet -> daemonSet(daemonSet, generation);
            default -> throw ActionFailure.refused("a " + workload.getKind() + " has no rollout");
        };
    }

    /** Complete or failed: waiting longer changes nothing. */
    boolean settled() {
        return complete || failed;
    }

    /** {@code 2/3 ready (3 desired, 3 updated, 2 available)}. */
    String replicas() {
        return ready + "/" + desired + " ready (" + desired + " desired, " + updated + " updated, " + available + " available)";
    }

    private static RolloutProgress deployment(Deployment deployment, long generation) {
        int desired = orOne(deployment.getSpec().getReplicas());
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        int total = orZero(status.getReplicas());
        int updated = orZero(status.getUpdatedReplicas());
        int available = orZero(status.getAvailableReplicas());
        boolean failed = status.getConditions() != null && status.getConditions().stream().anyMatch(condition ->
                "Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason()));
        String waiting = observed(status.getObservedGeneration(), generation) ? null : "the controller to see the latest spec";
        if (waiting == null && updated < desired) {
            waiting = (desired - updated) + " of " + desired + " replicas to be updated";
        } else if (waiting == null && total > updated) {
            waiting = (total - updated) + " old replicas to terminate";
        } else if (waiting == null && available < updated) {
            waiting = (updated - available) + " of " + updated + " updated replicas to become available";
        }
        return new RolloutProgress(waiting == null, failed && waiting != null, desired, orZero(status.getReadyReplicas()), updated, available,
                failed && waiting != null ? "nothing: it exceeded its progress deadline" : waiting);
    }

    private static RolloutProgress statefulSet(StatefulSet statefulSet, long generation) {
        int desired = orOne(statefulSet.getSpec().getReplicas());
        StatefulSetStatus status = statefulSet.getStatus() == null ? new StatefulSetStatus() : statefulSet.getStatus();
        int ready = orZero(status.getReadyReplicas());
        int updated = orZero(status.getUpdatedReplicas());
        boolean onDelete = statefulSet.getSpec().getUpdateStrategy() != null
                && "OnDelete".equals(statefulSet.getSpec().getUpdateStrategy().getType());
        String waiting = observed(status.getObservedGeneration(), generation) ? null : "the controller to see the latest spec";
        if (waiting == null && !onDelete && updated < desired) {
            waiting = (desired - updated) + " of " + desired + " replicas to be updated";
        } else if (waiting == null && ready < desired) {
            waiting = (desired - ready) + " of " + desired + " replicas to become ready";
        } else if (waiting == null && !onDelete && status.getUpdateRevision() != null
                && !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
            waiting = "revision " + status.getUpdateRevision() + " to become current";
        }
        return new RolloutProgress(waiting == null, false, desired, ready, updated, orZero(status.getAvailableReplicas()), waiting);
    }

    private static RolloutProgress daemonSet(DaemonSet daemonSet, long generation) {
        DaemonSetStatus status = daemonSet.getStatus() == null ? new DaemonSetStatus() : daemonSet.getStatus();
        int desired = orZero(status.getDesiredNumberScheduled());
        int updated = orZero(status.getUpdatedNumberScheduled());
        int available = orZero(status.getNumberAvailable());
        String waiting = observed(status.getObservedGeneration(), generation) ? null : "the controller to see the latest spec";
        if (waiting == null && updated < desired) {
            waiting = (desired - updated) + " of " + desired + " pods to be updated";
        } else if (waiting == null && available < desired) {
            waiting = (desired - available) + " of " + desired + " updated pods to become available";
        }
        return new RolloutProgress(waiting == null, false, desired, orZero(status.getNumberReady()), updated, available, waiting);
    }

    private static boolean observed(Long observedGeneration, long generation) {
        return (observedGeneration == null ? 0 : observedGeneration) >= generation;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Kubernetes' default for an unset {@code spec.replicas}. */
    private static int orOne(Integer value) {
        return value == null ? 1 : value;
    }
}
