package io.sentinel.executor.kubernetes;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a kubernetes step may act on the target it was authorized for: the target must name a
 * Kubernetes object, that object must be what the inventory lists for the target right now, and its
 * namespace must be one the executor's configuration allows (nodes only when nodes are allowed at
 * all). Two owners, two locks: the inventory says what a target is, the executor's own configuration
 * bounds what its ServiceAccount is used for. Pure.
 */
public final class KubernetesScope {

    private final List<String> allowedNamespaces;
    private final boolean nodesAllowed;
    private final Function<String, Optional<TargetRef>> inventory;

    /** @param inventory the inventory in force, by target name */
    public KubernetesScope(List<String> allowedNamespaces, boolean nodesAllowed, Function<String, Optional<TargetRef>> inventory) {
        this.allowedNamespaces = List.copyOf(allowedNamespaces);
        this.nodesAllowed = nodesAllowed;
        this.inventory = inventory;
    }

    /** Why the step must not act on the target, if it must not. */
    public Optional<String> refusal(TargetRef target) {
        KubernetesRef object = target.kubernetes();
        if (object == null) {
            return Optional.of("target " + target.name() + " has no kubernetes entry in the inventory; a kubernetes step acts only on the "
                    + "object the inventory names");
        }
        if (KubernetesObjects.NODE.equals(object.kind())) {
            if (!nodesAllowed) {
                return Optional.of("target " + target.name() + " is " + KubernetesObjects.describe(object) + ", and acting on nodes is off: "
                        + KubernetesStepProperties.PREFIX + ".nodes-allowed is false");
            }
        } else if (!allowedNamespaces.contains(object.namespace())) {
            return Optional.of("namespace " + object.namespace() + " of target " + target.name() + " is not in "
                    + KubernetesStepProperties.PREFIX + ".allowed-namespaces " + allowedNamespaces
                    + (allowedNamespaces.isEmpty() ? ": no namespace may be acted on until a deployment lists them" : ""));
        }
        Optional<KubernetesRef> listed = inventory.apply(target.name()).map(TargetRef::kubernetes);
        if (listed.isEmpty() || !Objects.equals(listed.get(), object)) {
            return Optional.of(KubernetesObjects.describe(object) + " is not in the inventory as target " + target.name()
                    + (listed.isPresent() ? " (it lists " + KubernetesObjects.describe(listed.get()) + ")" : "")
                    + ": a kubernetes step acts only on what the inventory lists");
        }
        return Optional.empty();
    }
}
