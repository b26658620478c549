package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.sentinel.events.target.KubernetesRef;
import java.util.Objects;

/**
 * What a kubernetes snapshot keeps of the target before anything changes: exactly what the restores put
 * back. Stored as the execution's snapshot (JSON), so a rollback after a restart of the executor
 * still has it.
 *
 * @param uid           the object's identity: a restore is refused on an object deleted and created anew since
 * @param replicas      {@code spec.replicas} (Deployment, StatefulSet)
 * @param revision      the Deployment's revision, the StatefulSet's current revision; for people reading the timeline
 * @param restartedAt   the pod template's {@code kubectl.kubernetes.io/restartedAt}; null if it had none
 * @param template      the whole pod template (Deployment, StatefulSet, DaemonSet)
 * @param unschedulable a Node's {@code spec.unschedulable}
 */
record KubernetesSnapshot(String kind, String namespace, String name, String uid, Integer replicas, String revision, String restartedAt,
                          PodTemplateSpec template, Boolean unschedulable) {

    static KubernetesSnapshot of(KubernetesRef ref, HasMetadata object) {
        String uid = object.getMetadata().getUid();
        return switch (object) {
            case Deployment deployment -> new KubernetesSnapshot(ref.kind(), ref.namespace(), ref.name(), uid,
                    deployment.getSpec().getReplicas(), KubernetesObjects.annotation(deployment, KubernetesObjects.REVISION),
                    restartedAt(deployment.getSpec().getTemplate()), deployment.getSpec().getTemplate(), null);
            case StatefulSet statefulSet -> new KubernetesSnapshot(ref.kind(), ref.namespace(), ref.name(), uid,
                    statefulSet.getSpec().getReplicas(), statefulSet.getStatus() == null ? null : statefulSet.getStatus().getCurrentRevision(),
                    restartedAt(statefulSet.getSpec().getTemplate()), statefulSet.getSpec().getTemplate(), null);
            case DaemonSet daemonSet -> new KubernetesSnapshot(ref.kind(), ref.namespace(), ref.name(), uid, null, null,
                    restartedAt(daemonSet.getSpec().getTemplate()), daemonSet.getSpec().getTemplate(), null);
            case Node node -> new KubernetesSnapshot(ref.kind(), null, ref.name(), uid, null, null, null, null,
                    node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()));
            default -> throw ActionFailure.refused("cannot snapshot a " + object.getKind());
        };
    }

    static String restartedAt(PodTemplateSpec template) {
        if (template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null) {
            return null;
        }
        return template.getMetadata().getAnnotations().get(KubernetesObjects.RESTARTED_AT);
    }

    /** Whether it was taken of that object. */
    boolean isOf(KubernetesRef ref) {
        return Objects.equals(kind, ref.kind()) && Objects.equals(namespace, ref.namespace()) && Objects.equals(name, ref.name());
    }

    KubernetesRef ref() {
        return new KubernetesRef(namespace, kind, name);
    }

    /** For the timeline: what was read, never the template itself. */
    String describe() {
        StringBuilder text = new StringBuilder("snapshot of ").append(KubernetesObjects.describe(ref())).append(':');
        if (KubernetesObjects.NODE.equals(kind)) {
            return text.append(Boolean.TRUE.equals(unschedulable) ? " unschedulable (cordoned)" : " schedulable").toString();
        }
        if (replicas != null) {
            text.append(' ').append(replicas).append(replicas == 1 ? " replica," : " replicas,");
        }
        if (revision != null) {
            text.append(" revision ").append(revision).append(',');
        }
        return text.append(restartedAt == null ? " never restarted by rollout restart" : " last restarted " + restartedAt).toString();
    }
}
