package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sentinel.events.target.KubernetesRef;
import java.util.Map;
import java.util.Set;

/** The kinds, annotations and labels kubernetes steps read and write, as Kubernetes names them; and how messages name an object. */
final class KubernetesObjects {

    static final String DEPLOYMENT = "Deployment";
    static final String STATEFUL_SET = "StatefulSet";
    static final String DAEMON_SET = "DaemonSet";
    static final String NODE = "Node";
    static final Set<String> WORKLOADS = Set.of(DEPLOYMENT, STATEFUL_SET, DAEMON_SET);
    static final Set<String> SCALABLE = Set.of(DEPLOYMENT, STATEFUL_SET);

    /** What {@code kubectl rollout restart} sets on the pod template: a changed template is a new rollout. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** The revision the Deployment controller writes on a Deployment and each of its ReplicaSets. */
    static final String REVISION = "deployment.kubernetes.io/revision";
    /** The label the Deployment controller adds to a ReplicaSet's pod template; not part of the Deployment's own template. */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private KubernetesObjects() {
    }

    /** {@code Deployment shop/web}, {@code Node node-1}. */
    static String describe(KubernetesRef object) {
        return object.kind() + " " + (object.namespace() == null ? "" : object.namespace() + "/") + object.name();
    }

    static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata() == null ? null : object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
