package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which pods belong to a workload, and which of them a {@code delete-pod} takes when the playbook names
 * none: the least healthy (not ready first, then the most container restarts, then the oldest), never
 * one already being deleted. Refuses to take the workload's last ready pod. Pure.
 */
final class PodChoice {

    private static final Comparator<Pod> LEAST_HEALTHY_FIRST = Comparator.comparing(PodChoice::ready)
            .thenComparing(Comparator.comparingInt(PodChoice::restarts).reversed())
            .thenComparing(pod -> Objects.toString(pod.getMetadata().getCreationTimestamp(), ""));

    private PodChoice() {
    }

    /**
     * The pods the workload controls: a Deployment's through the ReplicaSets it controls, a StatefulSet's
     * and a DaemonSet's directly; pods being deleted are left out.
     */
    static List<Pod> ownedBy(HasMetadata workload, List<ReplicaSet> replicaSets, List<Pod> pods) {
        Set<String> owners = KubernetesObjects.DEPLOYMENT.equals(workload.getKind())
                ? replicaSets.stream().filter(replicaSet -> controlledBy(replicaSet, workload.getMetadata().getUid()))
                .map(replicaSet -> replicaSet.getMetadata().getUid()).collect(Collectors.toSet())
                : Set.of(workload.getMetadata().getUid());
        return pods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> controller(pod).map(owner -> owners.contains(owner.getUid())).orElse(false))
                .toList();
    }

    static boolean controlledBy(HasMetadata object, String ownerUid) {
        return controller(object).map(owner -> Objects.equals(owner.getUid(), ownerUid)).orElse(false);
    }

    static Optional<Pod> leastHealthy(List<Pod> pods) {
        return pods.stream().min(LEAST_HEALTHY_FIRST);
    }

    /** Why that pod must not be deleted, if it must not. */
    static Optional<String> refusal(Pod pod, List<Pod> owned, String workload) {
        long ready = owned.stream().filter(PodChoice::ready).count();
        if (ready(pod) && ready <= 1) {
            return Optional.of("pod " + pod.getMetadata().getName() + " is the last ready pod of " + workload
                    + ": deleting it would take the workload down");
        }
        return Optional.empty();
    }

    /** {@code not ready, 7 restarts}. */
    static String health(Pod pod) {
        int restarts = restarts(pod);
        return (ready(pod) ? "ready, " : "not ready, ") + restarts + (restarts == 1 ? " restart" : " restarts");
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum();
    }

    private static Optional<OwnerReference> controller(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners == null ? Optional.empty()
                : owners.stream().filter(owner -> Boolean.TRUE.equals(owner.getController())).findFirst();
    }
}
