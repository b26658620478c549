package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment's revisions, as its ReplicaSets record them ({@code deployment.kubernetes.io/revision}):
 * what {@code kubectl rollout undo} goes back to is the ReplicaSet with the highest revision below the
 * Deployment's current one. Pure.
 */
final class RevisionHistory {

    private RevisionHistory() {
    }

    /** The revision before the current one, among the ReplicaSets the Deployment controls. */
    static Optional<Revision> previous(Deployment deployment, List<ReplicaSet> replicaSets) {
        List<Revision> revisions = replicaSets.stream()
                .filter(replicaSet -> PodChoice.controlledBy(replicaSet, deployment.getMetadata().getUid()))
                .map(replicaSet -> new Revision(replicaSet, revision(KubernetesObjects.annotation(replicaSet, KubernetesObjects.REVISION))))
                .filter(revision -> revision.number() > 0)
                .sorted(Comparator.comparingLong(Revision::number).reversed())
                .toList();
        long current = current(deployment, revisions);
        return revisions.stream().filter(revision -> revision.number() < current).findFirst();
    }

    /** The Deployment's revision; the highest of its ReplicaSets' when it carries none. */
    static long current(Deployment deployment, List<Revision> revisions) {
        long own = revision(KubernetesObjects.annotation(deployment, KubernetesObjects.REVISION));
        return own > 0 ? own : revisions.stream().mapToLong(Revision::number).max().orElse(0);
    }

    private static long revision(String annotation) {
        if (annotation == null || !annotation.matches("[0-9]{1,18}")) {
            return 0;
        }
        return Long.parseLong(annotation);
    }

    /** A ReplicaSet and its revision. */
    record Revision(ReplicaSet replicaSet, long number) {

        /** Its pod template as the Deployment's own: without the hash label the controller adds to a ReplicaSet's. */
        PodTemplateSpec template() {
            PodTemplateSpec template = replicaSet.getSpec().getTemplate();
            if (template.getMetadata() == null || template.getMetadata().getLabels() == null) {
                return template;
            }
            Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
            labels.remove(KubernetesObjects.POD_TEMPLATE_HASH);
            PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
            copy.setMetadata(new ObjectMetaBuilder(template.getMetadata()).withLabels(labels).build());
            return copy;
        }
    }
}
