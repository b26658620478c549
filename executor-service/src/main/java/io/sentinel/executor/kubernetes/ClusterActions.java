package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.KubernetesAction;
import io.sentinel.playbooks.KubernetesOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The operations of kubernetes steps, on the API server through the fabric8 client. Each acts on the
 * one object it is given (the authorized inventory target, already checked by {@link KubernetesScope})
 * and on nothing else: a pod only when it belongs to that workload. Changes are JSON merge or JSON
 * patches of exactly the fields an operation owns (a restart changes one annotation, a scale one
 * count), so a concurrent change to anything else survives both the action and its restore.
 */
final class ClusterActions {

    private final KubernetesClient client;
    private final KubernetesSerialization json;
    private final Clock clock;

    ClusterActions(KubernetesClient client, Clock clock) {
        this.client = client;
        this.json = client.getKubernetesSerialization();
        this.clock = clock;
    }

    /** What an operation did: the step's detail and, for a snapshot, what the restores will read. */
    record Done(String detail, String body) {

        Done(String detail) {
            this(detail, null);
        }
    }

    Done run(KubernetesOperation operation, KubernetesRef target, KubernetesAction action, TemplateVariables variables, Instant deadline) {
        return switch (operation) {
            case SNAPSHOT -> snapshot(target);
            case ROLLOUT_RESTART -> rolloutRestart(target);
            case SCALE -> scale(target, action, variables);
            case ROLLOUT_UNDO -> rolloutUndo(target);
            case DELETE_POD -> deletePod(target, action, variables);
            case CORDON -> schedulable(target, false, "cordoned");
            case UNCORDON -> schedulable(target, true, "uncordoned");
            case ROLLOUT_STATUS -> rolloutStatus(target, action.timeout(), deadline);
            case RESTORE_RESTARTED_AT -> restoreRestartedAt(target, snapshot(target, variables));
            case RESTORE_TEMPLATE -> restoreTemplate(target, snapshot(target, variables));
            case RESTORE_REPLICAS -> restoreReplicas(target, snapshot(target, variables));
            case RESTORE_SCHEDULABLE -> restoreSchedulable(target, snapshot(target, variables));
        };
    }

    private Done snapshot(KubernetesRef target) {
        KubernetesSnapshot snapshot = KubernetesSnapshot.of(target, existing(target));
        return new Done(snapshot.describe(), json.asJson(snapshot));
    }

    private Done rolloutRestart(KubernetesRef target) {
        requireKind(target, KubernetesObjects.WORKLOADS, "rollout-restart");
        existing(target);
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        mergePatch(target, Map.of("spec", Map.of("template", Map.of("metadata", Map.of("annotations",
                Map.of(KubernetesObjects.RESTARTED_AT, now))))));
        return new Done("restarted " + KubernetesObjects.describe(target) + ": " + KubernetesObjects.RESTARTED_AT + "=" + now);
    }

    private Done scale(KubernetesRef target, KubernetesAction action, TemplateVariables variables) {
        requireKind(target, KubernetesObjects.SCALABLE, "scale");
        StepValues.Replicas asked = StepValues.replicas(action.replicas(), variables, "the replica count");
        if (!asked.increase() && (asked.count() < action.fewestReplicas() || asked.count() > action.maxReplicas())) {
            throw ActionFailure.refused("scale to " + asked.count() + " replicas refused: the playbook allows " + action.fewestReplicas()
                    + " to " + action.maxReplicas());
        }
        int current = replicasOf(existing(target));
        int replicas = asked.from(current);
        if (replicas < action.fewestReplicas() || replicas > action.maxReplicas()) {
            throw ActionFailure.refused("scale to " + replicas + " replicas (" + current + " +" + asked.count() + ") refused: the playbook "
                    + "allows " + action.fewestReplicas() + " to " + action.maxReplicas());
        }
        if (action.scalesUpOnly() && replicas < current) {
            throw ActionFailure.refused("scale to " + replicas + " replicas refused: " + KubernetesObjects.describe(target) + " runs "
                    + current + ", and this playbook only scales up");
        }
        if (replicas == current) {
            return new Done(KubernetesObjects.describe(target) + " already runs " + replicas + " replicas");
        }
        mergePatch(target, Map.of("spec", Map.of("replicas", replicas)));
        return new Done("scaled " + KubernetesObjects.describe(target) + " from " + current + " to " + replicas + " replicas");
    }

    private Done rolloutUndo(KubernetesRef target) {
        requireKind(target, List.of(KubernetesObjects.DEPLOYMENT), "rollout-undo");
        Deployment deployment = (Deployment) existing(target);
        List<ReplicaSet> replicaSets = replicaSetsOf(deployment);
        RevisionHistory.Revision previous = RevisionHistory.previous(deployment, replicaSets).orElseThrow(() -> ActionFailure.refused(
                KubernetesObjects.describe(target) + " has no revision before its current one ("
                        + Objects.requireNonNullElse(KubernetesObjects.annotation(deployment, KubernetesObjects.REVISION), "none")
                        + ") to roll back to"));
        jsonPatch(target, List.of(Map.of("op", "replace", "path", "/spec/template", "value", previous.template())));
        String current = KubernetesObjects.annotation(deployment, KubernetesObjects.REVISION);
        return new Done("rolled " + KubernetesObjects.describe(target) + " back from " + (current == null ? "its current revision"
                : "revision " + current) + " to revision " + previous.number() + " (ReplicaSet " + previous.replicaSet().getMetadata().getName()
                + ")");
    }

    private Done deletePod(KubernetesRef target, KubernetesAction action, TemplateVariables variables) {
        requireKind(target, KubernetesObjects.WORKLOADS, "delete-pod");
        HasMetadata workload = existing(target);
        List<Pod> owned = PodChoice.ownedBy(workload, KubernetesObjects.DEPLOYMENT.equals(target.kind()) ? replicaSetsOf(workload) : List.of(),
                podsMatching(target.namespace(), selectorOf(workload)));
        Pod chosen;
        if (action.pod() != null) {
            String name = StepValues.objectName(action.pod(), variables, "the pod to delete");
            chosen = owned.stream().filter(pod -> pod.getMetadata().getName().equals(name)).findFirst().orElseThrow(() ->
                    ActionFailure.refused("pod " + target.namespace() + "/" + name + " is not a running pod of "
                            + KubernetesObjects.describe(target) + ": a kubernetes step deletes only pods of its target"));
        } else {
            chosen = PodChoice.leastHealthy(owned).orElseThrow(() -> ActionFailure.refused(KubernetesObjects.describe(target)
                    + " has no pod to delete"));
        }
        PodChoice.refusal(chosen, owned, KubernetesObjects.describe(target)).ifPresent(refusal -> {
            throw ActionFailure.refused(refusal);
        });
        client.pods().inNamespace(target.namespace()).withName(chosen.getMetadata().getName()).delete();
        return new Done("deleted pod " + target.namespace() + "/" + chosen.getMetadata().getName() + " of " + KubernetesObjects.describe(target)
                + " (" + PodChoice.health(chosen) + "); its controller replaces it");
    }

    private Done schedulable(KubernetesRef target, boolean schedulable, String done) {
        requireKind(target, List.of(KubernetesObjects.NODE), schedulable ? "uncordon" : "cordon");
        existing(target);
        mergePatch(target, Map.of("spec", Map.of("unschedulable", !schedulable)));
        return new Done(done + " " + KubernetesObjects.describe(target) + (schedulable ? ": pods may be scheduled on it again"
                : ": no new pods are scheduled on it"));
    }

    private Done rolloutStatus(KubernetesRef target, Duration timeout, Instant deadline) {
        requireKind(target, KubernetesObjects.WORKLOADS, "rollout-status");
        Resource<? extends HasMetadata> resource = resource(target);
        existing(target);
        Instant started = clock.instant();
        long waitMillis = Math.max(1, Duration.between(started, deadline).toMillis());
        try {
            HasMetadata settled = waitForSettled(resource, waitMillis);
            RolloutProgress progress = RolloutProgress.of(settled);
            if (progress.failed()) {
                throw ActionFailure.refused(KubernetesObjects.describe(target) + " failed to roll out: it exceeded its progress deadline; "
                        + progress.replicas());
            }
            return new Done(KubernetesObjects.describe(target) + " rolled out: " + progress.replicas());
        } catch (KubernetesClientTimeoutException timedOut) {
            RolloutProgress progress = RolloutProgress.of(existing(target));
            throw ActionFailure.notYet(KubernetesObjects.describe(target) + " did not finish rolling out within " + seconds(timeout.toMillis())
                    + ": " + progress.replicas() + ", waiting for " + progress.waitingFor());
        }
    }

    private Done restoreRestartedAt(KubernetesRef target, KubernetesSnapshot snapshot) {
        HasMetadata workload = existingAsSnapshotted(target, snapshot);
        PodTemplateSpec template = templateOf(workload);
        String current = KubernetesSnapshot.restartedAt(template);
        if (Objects.equals(current, snapshot.restartedAt())) {
            return new Done(KubernetesObjects.describe(target) + " already has the snapshot's " + KubernetesObjects.RESTARTED_AT + " ("
                    + Objects.requireNonNullElse(current, "none") + ")");
        }
        String path = "/spec/template/metadata/annotations";
        String key = path + "/" + KubernetesObjects.RESTARTED_AT.replace("~", "~0").replace("/", "~1");
        boolean hasAnnotations = template.getMetadata() != null && template.getMetadata().getAnnotations() != null;
        Map<String, Object> operation;
        if (snapshot.restartedAt() == null) {
            operation = Map.of("op", "remove", "path", key);
        } else if (hasAnnotations) {
            operation = Map.of("op", "add", "path", key, "value", snapshot.restartedAt());
        } else {
            operation = Map.of("op", "add", "path", path, "value", Map.of(KubernetesObjects.RESTARTED_AT, snapshot.restartedAt()));
        }
        jsonPatch(target, List.of(operation));
        return new Done("restored " + KubernetesObjects.describe(target) + "'s " + KubernetesObjects.RESTARTED_AT + " to "
                + Objects.requireNonNullElse(snapshot.restartedAt(), "none") + " (was " + current + ")");
    }

    private Done restoreTemplate(KubernetesRef target, KubernetesSnapshot snapshot) {
        HasMetadata workload = existingAsSnapshotted(target, snapshot);
        if (snapshot.template() == null) {
            throw ActionFailure.refused("the snapshot of " + KubernetesObjects.describe(target) + " holds no pod template");
        }
        if (snapshot.template().equals(templateOf(workload))) {
            return new Done(KubernetesObjects.describe(target) + " already has the snapshot's pod template");
        }
        jsonPatch(target, List.of(Map.of("op", "replace", "path", "/spec/template", "value", snapshot.template())));
        return new Done("restored " + KubernetesObjects.describe(target) + "'s pod template from the snapshot"
                + (snapshot.revision() == null ? "" : " (revision " + snapshot.revision() + ")"));
    }

    private Done restoreReplicas(KubernetesRef target, KubernetesSnapshot snapshot) {
        requireKind(target, KubernetesObjects.SCALABLE, "restore-replicas");
        HasMetadata workload = existingAsSnapshotted(target, snapshot);
        if (snapshot.replicas() == null) {
            throw ActionFailure.refused("the snapshot of " + KubernetesObjects.describe(target) + " holds no replica count");
        }
        int current = replicasOf(workload);
        if (current == snapshot.replicas()) {
            return new Done(KubernetesObjects.describe(target) + " already runs the snapshot's " + current + " replicas");
        }
        mergePatch(target, Map.of("spec", Map.of("replicas", snapshot.replicas())));
        return new Done("restored " + KubernetesObjects.describe(target) + " from " + current + " to " + snapshot.replicas() + " replicas");
    }

    private Done restoreSchedulable(KubernetesRef target, KubernetesSnapshot snapshot) {
        requireKind(target, List.of(KubernetesObjects.NODE), "restore-schedulable");
        existingAsSnapshotted(target, snapshot);
        boolean unschedulable = Boolean.TRUE.equals(snapshot.unschedulable());
        mergePatch(target, Map.of("spec", Map.of("unschedulable", unschedulable)));
        return new Done("restored " + KubernetesObjects.describe(target) + " to " + (unschedulable ? "unschedulable" : "schedulable")
                + ", as the snapshot found it");
    }

    /** The snapshot the restores read: the execution's, taken of this very object. */
    private KubernetesSnapshot snapshot(KubernetesRef target, TemplateVariables variables) {
        if (variables.snapshotBody() == null || variables.snapshotBody().isBlank()) {
            throw ActionFailure.refused("no snapshot was taken, so there is nothing to restore");
        }
        KubernetesSnapshot snapshot;
        try {
            snapshot = json.unmarshal(variables.snapshotBody(), KubernetesSnapshot.class);
        } catch (RuntimeException unreadable) {
            throw ActionFailure.refused("the snapshot is not a kubernetes snapshot: " + unreadable.getClass().getSimpleName());
        }
        if (snapshot == null || !snapshot.isOf(target)) {
            throw ActionFailure.refused("the snapshot is of " + (snapshot == null ? "nothing" : KubernetesObjects.describe(snapshot.ref()))
                    + ", not of the target " + KubernetesObjects.describe(target));
        }
        return snapshot;
    }

    private HasMetadata existingAsSnapshotted(KubernetesRef target, KubernetesSnapshot snapshot) {
        HasMetadata object = existing(target);
        if (snapshot.uid() != null && !snapshot.uid().equals(object.getMetadata().getUid())) {
            throw ActionFailure.refused(KubernetesObjects.describe(target) + " was deleted and created anew since the snapshot: what the "
                    + "snapshot holds is not this object's to restore");
        }
        return object;
    }

    private HasMetadata existing(KubernetesRef target) {
        HasMetadata object = resource(target).get();
        if (object == null) {
            throw ActionFailure.refused(KubernetesObjects.describe(target) + " does not exist");
        }
        return object;
    }

    private Resource<? extends HasMetadata> resource(KubernetesRef target) {
        return switch (target.kind()) {
            case KubernetesObjects.DEPLOYMENT -> client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
            case KubernetesObjects.STATEFUL_SET -> client.apps().statefulSets().inNamespace(target.namespace()).withName(target.name());
            case KubernetesObjects.DAEMON_SET -> client.apps().daemonSets().inNamespace(target.namespace()).withName(target.name());
            case KubernetesObjects.NODE -> client.nodes().withName(target.name());
            default -> throw ActionFailure.refused("a kubernetes step cannot act on a " + target.kind());
        };
    }

    private void mergePatch(KubernetesRef target, Map<String, Object> patch) {
        resource(target).patch(PatchContext.of(PatchType.JSON_MERGE), json.asJson(patch));
    }

    private void jsonPatch(KubernetesRef target, List<Map<String, Object>> operations) {
        resource(target).patch(PatchContext.of(PatchType.JSON), json.asJson(operations));
    }

    private static <T extends HasMetadata> T waitForSettled(Resource<T> resource, long millis) {
        return resource.waitUntilCondition(workload -> workload != null && RolloutProgress.of(workload).settled(), millis,
                TimeUnit.MILLISECONDS);
    }

    private List<ReplicaSet> replicaSetsOf(HasMetadata deployment) {
        LabelSelector selector = selectorOf(deployment);
        var replicaSets = client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace());
        return (selector == null || selector.getMatchLabels() == null ? replicaSets : replicaSets.withLabels(selector.getMatchLabels()))
                .list().getItems();
    }

    private List<Pod> podsMatching(String namespace, LabelSelector selector) {
        var pods = client.pods().inNamespace(namespace);
        return (selector == null || selector.getMatchLabels() == null ? pods : pods.withLabels(selector.getMatchLabels())).list().getItems();
    }

    private static LabelSelector selectorOf(HasMetadata workload) {
        return switch (workload) {
            case Deployment deployment -> deployment.getSpec().getSelector();
            case StatefulSet statefulSet -> statefulSet.getSpec().getSelector();
            case DaemonSet daemonSet -> daemonSet.getSpec().getSelector();
            default -> null;
        };
    }

    private static PodTemplateSpec templateOf(HasMetadata workload) {
        return switch (workload) {
            case Deployment deployment -> deployment.getSpec().getTemplate();
            case StatefulSet statefulSet -> statefulSet.getSpec().getTemplate();
            case DaemonSet daemonSet -> daemonSet.getSpec().getTemplate();
            default -> throw ActionFailure.refused("a " + workload.getKind() + " has no pod template");
        };
    }

    private static int replicasOf(HasMetadata workload) {
        Integer replicas = switch (workload) {
            case Deployment deployment -> deployment.getSpec().getReplicas();
            case StatefulSet statefulSet -> statefulSet.getSpec().getReplicas();
            default -> throw ActionFailure.refused("a " + workload.getKind() + " has no replica count");
        };
        return replicas == null ? 1 : replicas;
    }

    private static void requireKind(KubernetesRef target, Collection<String> kinds, String operation) {
        if (!kinds.contains(target.kind())) {
            throw ActionFailure.refused(operation + " acts on a " + String.join(" or ", kinds.stream().sorted().toList()) + "; the target is "
                    + KubernetesObjects.describe(target));
        }
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
