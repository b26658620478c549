package io.sentinel.playbooks;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code kubernetes:} step does to the incident's inventory target. Each operation that changes
 * the cluster has a {@code restore-*} counterpart that puts back what the playbook's kubernetes
 * snapshot read, so every change can be rolled back; where a step may stand is part of the operation:
 * a snapshot only as the playbook's snapshot, restores only in the rollback, and only the read-only
 * {@code rollout-status} among the verification checks.
 */
public enum KubernetesOperation {

    /** Reads what the restores need: replicas, revision, the pod template and its restart annotation, a node's schedulability. */
    SNAPSHOT("snapshot", EnumSet.of(StepPlace.SNAPSHOT)),
    /** A new rollout of the same pod template: the {@code kubectl.kubernetes.io/restartedAt} annotation set to now. */
    ROLLOUT_RESTART("rollout-restart", EnumSet.of(StepPlace.STEP, StepPlace.ROLLBACK)),
    /** {@code spec.replicas} set to {@code replicas}, within the step's {@code min-replicas} and {@code max-replicas}. */
    SCALE("scale", EnumSet.of(StepPlace.STEP, StepPlace.ROLLBACK)),
    /** A Deployment's pod template set back to its previous ReplicaSet revision. */
    ROLLOUT_UNDO("rollout-undo", EnumSet.of(StepPlace.STEP)),
    /** One pod of the target deleted (its controller replaces it); the pod must belong to the target. */
    DELETE_POD("delete-pod", EnumSet.of(StepPlace.STEP)),
    /** A Node target marked unschedulable. */
    CORDON("cordon", EnumSet.of(StepPlace.STEP, StepPlace.ROLLBACK)),
    /** A Node target marked schedulable. */
    UNCORDON("uncordon", EnumSet.of(StepPlace.STEP, StepPlace.ROLLBACK)),
    /** Waits, within the step's timeout, until the target's rollout completed; reports ready/desired replicas. Changes nothing. */
    ROLLOUT_STATUS("rollout-status", EnumSet.of(StepPlace.STEP, StepPlace.CHECK, StepPlace.ROLLBACK)),
    /** Puts the snapshot's restart annotation back (removes it if there was none): undoes {@code rollout-restart}. */
    RESTORE_RESTARTED_AT("restore-restarted-at", EnumSet.of(StepPlace.ROLLBACK)),
    /** Puts the snapshot's whole pod template back: undoes {@code rollout-undo} (or any template change). */
    RESTORE_TEMPLATE("restore-template", EnumSet.of(StepPlace.ROLLBACK)),
    /** Puts the snapshot's replicas back: undoes {@code scale}. */
    RESTORE_REPLICAS("restore-replicas", EnumSet.of(StepPlace.ROLLBACK)),
    /** Puts the snapshot's node schedulability back: undoes {@code cordon} and {@code uncordon}. */
    RESTORE_SCHEDULABLE("restore-schedulable", EnumSet.of(StepPlace.ROLLBACK));

    private final String written;
    private final Set<StepPlace> places;

    KubernetesOperation(String written, Set<StepPlace> places) {
        this.written = written;
        this.places = places;
    }

    /** The operation as playbooks write it, e.g. {@code rollout-restart}. */
    public String written() {
        return written;
    }

    public boolean allowedIn(StepPlace place) {
        return places.contains(place);
    }

    /** Whether it reads the playbook's kubernetes snapshot. */
    public boolean restores() {
        return name().startsWith("RESTORE_");
    }

    /** Whether it changes the cluster. */
    public boolean changes() {
        return this != SNAPSHOT && this != ROLLOUT_STATUS;
    }

    public static Optional<KubernetesOperation> named(String written) {
        return Arrays.stream(values()).filter(operation -> operation.written.equals(written)).findFirst();
    }

    public static List<String> allWritten() {
        return Arrays.stream(values()).map(KubernetesOperation::written).toList();
    }
}
