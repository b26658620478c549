package io.sentinel.collector.prometheus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a query's per-pod series (cAdvisor, kube-state-metrics: every series labelled {@code namespace}
 * and {@code pod}) into per-workload ones, in PromQL, so that an incident names the Deployment,
 * StatefulSet or DaemonSet it is about rather than a pod that the next restart renames. The pod's
 * controlling owner comes from kube-state-metrics: {@code kube_pod_owner}, and for a ReplicaSet its
 * Deployment from {@code kube_replicaset_owner}. Each result is labelled {@code workload},
 * {@code workload_kind} and {@value #TARGET} ({@code <workload>.<namespace>}, the name an inventory target
 * of that workload has), aggregated over the workload's pods. A pod without such an owner (a bare pod,
 * a Job's) stands for itself, kind {@code Pod}; without kube-state-metrics every pod does.
 */
final class WorkloadJoin {

    /** The label naming a result's workload as an inventory target: {@code web.shop} for Deployment shop/web. */
    static final String TARGET = "workload_target";
    /** Labels every result keeps on its samples. */
    static final List<String> LABELS = List.of("namespace", "workload", "workload_kind");
    static final Set<String> AGGREGATIONS = Set.of("max", "min", "sum", "avg");

    /**
     * One series per pod that a Deployment (through its ReplicaSet), a StatefulSet or a DaemonSet
     * controls, valued 1 and labelled {@code namespace, pod, workload, workload_kind, workload_target}.
     * Duplicates (two kube-state-metrics replicas) collapse in the {@code max by}.
     */
    static final String POD_WORKLOADS = "max by (namespace, pod, workload, workload_kind, " + TARGET + ") (label_join("
            + "label_replace("
            + "max by (namespace, pod, replicaset) (label_replace(kube_pod_owner{owner_kind=\"ReplicaSet\",owner_is_controller=\"true\"}, "
            + "\"replicaset\", \"$1\", \"owner_name\", \"(.+)\"))"
            + " * on (namespace, replicaset) group_left (workload) "
            + "max by (namespace, replicaset, workload) (label_replace(kube_replicaset_owner{owner_kind=\"Deployment\",owner_is_controller=\"true\"}, "
            + "\"workload\", \"$1\", \"owner_name\", \"(.+)\")), "
            + "\"workload_kind\", \"Deployment\", \"\", \"\")"
            + " or "
            + "max by (namespace, pod, workload, workload_kind) (label_replace(label_replace("
            + "kube_pod_owner{owner_kind=~\"StatefulSet|DaemonSet\",owner_is_controller=\"true\"}, "
            + "\"workload\", \"$1\", \"owner_name\", \"(.+)\"), \"workload_kind\", \"$1\", \"owner_kind\", \"(.+)\")), "
            + "\"" + TARGET + "\", \".\", \"workload\", \"namespace\"))";

    private WorkloadJoin() {
    }

    /**
     * Series that name their workload in a label of their own (kube-state-metrics' {@code deployment},
     * {@code statefulset}), labelled as {@link #perWorkload} labels its results.
     */
    static String named(String kind, String label, String expression) {
        return "label_join(label_replace(label_replace(" + expression + ", \"workload\", \"$1\", \"" + label + "\", \"(.+)\"), "
                + "\"workload_kind\", \"" + kind + "\", \"\", \"\"), \"" + TARGET + "\", \".\", \"workload\", \"namespace\")";
    }

    /**
     * @param perPod      an expression whose series carry {@code namespace} and {@code pod}
     * @param aggregation how a workload's pods combine: {@code max}, {@code min}, {@code sum} or {@code avg}
     * @param keepLabels  further labels to keep apart (e.g. {@code container}); aggregated over otherwise
     */
    static String perWorkload(String perPod, String aggregation, List<String> keepLabels) {
        Set<String> by = new LinkedHashSet<>(LABELS);
        by.add(TARGET);
        by.addAll(keepLabels);
        String series = "(" + perPod + ")";
        String owned = "(" + series + " * on (namespace, pod) group_left (workload, workload_kind, " + TARGET + ") " + POD_WORKLOADS + ")";
        String ownerless = "label_join(label_replace(label_replace(" + series + " unless on (namespace, pod) " + POD_WORKLOADS
                + ", \"workload\", \"$1\", \"pod\", \"(.+)\"), \"workload_kind\", \"Pod\", \"\", \"\"), \"" + TARGET
                + "\", \".\", \"workload\", \"namespace\")";
        return aggregation + " by (" + String.join(", ", by) + ") (" + owned + " or " + ownerless + ")";
    }
}
