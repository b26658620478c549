package io.sentinel.runtime.inventory.kubernetes;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which workloads become inventory targets, and under which names: {@code <workload>.<namespace>},
 * in the environment configured for the namespace. A configured target of the same name wins (the
 * operator said so explicitly); a name that cannot be a target's (longer than 63 characters) or that
 * two workloads would share (a Deployment and a StatefulSet both named {@code web}) is left out and
 * said why, rather than guessed. Pure.
 */
public final class WorkloadTargets {

    private WorkloadTargets() {
    }

    /** A workload the API server listed. */
    public record Workload(String namespace, String kind, String name) {
    }

    /** The targets to add, and what was left out and why. */
    public record Discovered(List<ConfiguredTarget> targets, List<String> leftOut) {
    }

    public static Discovered of(List<Workload> workloads, Map<String, String> environments, Set<String> configuredNames) {
        Map<String, List<Workload>> byName = new LinkedHashMap<>();
        for (Workload workload : workloads) {
            byName.computeIfAbsent(workload.name() + "." + workload.namespace(), name -> new ArrayList<>()).add(workload);
        }
        List<ConfiguredTarget> targets = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        byName.forEach((name, named) -> {
            Workload first = named.getFirst();
            String what = first.kind() + " " + first.namespace() + "/" + first.name();
            if (configuredNames.contains(name)) {
                leftOut.add(what + ": the configured target " + name + " stands");
            } else if (named.size() > 1) {
                leftOut.add(named.stream().map(w -> w.kind() + " " + w.namespace() + "/" + w.name()).toList()
                        + " would share the target name " + name + "; configure the one to act on");
            } else if (!TargetRef.NAME.matcher(name).matches()) {
                leftOut.add(what + ": " + name + " cannot be a target's name (at most 63 characters)");
            } else {
                targets.add(new ConfiguredTarget(name, environments.get(first.namespace()), List.of(),
                        new KubernetesRef(first.namespace(), first.kind(), first.name())));
            }
        });
        return new Discovered(List.copyOf(targets), List.copyOf(leftOut));
    }
}
