package io.sentinel.playbooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A step on Kubernetes. It always acts on the incident's inventory target ({@code TargetRef.kubernetes}:
 * namespace, kind, name), as the policy authorized it: no template can name another object, so what a
 * signal's sender writes never chooses what is touched. Only the values below are templates, and only
 * {@code {{params.<name>}}} and declared {@code {{labels.<name>}}} may appear in them.
 *
 * @param action      the operation, e.g. {@code rollout-restart} ({@link KubernetesOperation})
 * @param replicas    {@code scale}: the replica count ({@code {{params.replicas}}}, {@code 5}) or an increase over the
 *                    current count ({@code +{{params.by}}}, {@code +1})
 * @param minReplicas {@code scale}: the fewest replicas it may set; 1 when unset ({@link #fewestReplicas()})
 * @param maxReplicas {@code scale}: the most replicas it may set; required, the playbook's bound on any proposal
 * @param upOnly      {@code scale}: refuse a count below the replicas the workload runs now (a scale-up never scales down)
 * @param pod         {@code delete-pod}: the pod's name, e.g. {@code {{labels.pod}}}, which must belong to the target;
 *                    unset, the executor picks the target's least healthy pod
 * @param timeout     the deadline of the whole operation; for {@code rollout-status} how long it waits for the
 *                    rollout to complete. 30s by default
 */
public record KubernetesAction(String action, String replicas, Integer minReplicas, Integer maxReplicas, Boolean upOnly, String pod,
                               Duration timeout)
        implements StepAction {

    /** The key a step's Kubernetes action is written under. */
    public static final String KIND = "kubernetes";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public KubernetesAction {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** An action of that operation with no values, e.g. a snapshot or a restore. */
    public static KubernetesAction of(KubernetesOperation operation) {
        return new KubernetesAction(operation.written(), null, null, null, null, null, null);
    }

    /** {@code min-replicas}, 1 when unset: scaling a workload to nothing is an outage, not a remediation, unless a playbook says so. */
    public int fewestReplicas() {
        return minReplicas == null ? 1 : minReplicas;
    }

    /** {@code up-only}, false when unset. */
    public boolean scalesUpOnly() {
        return Boolean.TRUE.equals(upOnly);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The operation; empty if {@code action} names none (the catalog refuses such a playbook). */
    public Optional<KubernetesOperation> operation() {
        return KubernetesOperation.named(action);
    }

    @Override
    public List<String> templates() {
        List<String> templates = new ArrayList<>(2);
        if (replicas != null) {
            templates.add(replicas);
        }
        if (pod != null) {
            templates.add(pod);
        }
        return templates;
    }

    @Override
    public boolean needsTarget() {
        return true;
    }
}
