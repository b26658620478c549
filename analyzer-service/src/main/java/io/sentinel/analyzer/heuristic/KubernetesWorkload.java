package io.sentinel.analyzer.heuristic;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes workload an incident is about: from the inventory target's {@code kubernetes}
 * reference when the incident names a listed target, else from the labels Kubernetes' exporters
 * write ({@code namespace} with {@code deployment}, {@code statefulset}, {@code daemonset} or
 * {@code pod}). Labels only decide which playbook is proposed; what a playbook acts on is the
 * executor's business, through the inventory and the label patterns the playbook declares.
 *
 * @param kind      Deployment, StatefulSet, DaemonSet, or null when only a pod is known
 * @param pod       the pod the incident names, if one
 */
record KubernetesWorkload(String namespace, String kind, String name, String pod) {

    static Optional<KubernetesWorkload> of(IncidentOpened incident, TargetRef target) {
        Map<String, String> labels = incident.labels();
        String pod = blankToNull(labels.get("pod"));
        if (target != null && target.kubernetes() != null) {
            KubernetesRef ref = target.kubernetes();
            if (ref.kind().equals("Node")) {
                return Optional.empty();
            }
            return Optional.of(new KubernetesWorkload(ref.namespace(), ref.kind(), ref.name(), pod));
        }
        String namespace = blankToNull(labels.get("namespace"));
        if (namespace == null) {
            return Optional.empty();
        }
        // The collector's by-workload queries label a series with its controlling workload.
        String workload = blankToNull(labels.get("workload"));
        String workloadKind = blankToNull(labels.get("workload_kind"));
        if (workload != null && List.of("Deployment", "StatefulSet", "DaemonSet").contains(workloadKind)) {
            return Optional.of(new KubernetesWorkload(namespace, workloadKind, workload, pod));
        }
        for (var kind : List.of(Map.entry("deployment", "Deployment"), Map.entry("statefulset", "StatefulSet"), Map.entry("daemonset", "DaemonSet"))) {
            String name = blankToNull(labels.get(kind.getKey()));
            if (name != null) {
                return Optional.of(new KubernetesWorkload(namespace, kind.getValue(), name, pod));
            }
        }
        return pod == null ? Optional.empty() : Optional.of(new KubernetesWorkload(namespace, null, null, pod));
    }

    boolean deployment() {
        return "Deployment".equals(kind);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
