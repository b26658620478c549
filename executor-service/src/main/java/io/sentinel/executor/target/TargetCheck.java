package io.sentinel.executor.target;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.inventory.TargetInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the target an action was authorized for with the inventory as it stands now: an action is
 * only run against what its authorizer saw. A target removed from the inventory, or whose URLs,
 * Kubernetes object or environment changed since, is not acted on.
 */
public final class TargetCheck {

    private final TargetInventory inventory;

    public TargetCheck(TargetInventory inventory) {
        this.inventory = inventory;
    }

    /** Why the authorized target may not be acted on now, if it may not; empty for no target. */
    public Optional<String> problem(TargetRef authorized) {
        if (authorized == null) {
            return Optional.empty();
        }
        Optional<TargetRef> current = inventory.find(authorized.name());
        if (current.isEmpty()) {
            return Optional.of("target " + authorized.name() + " is no longer in the inventory; the action was authorized for urls "
                    + authorized.urls());
        }
        List<String> changes = new ArrayList<>();
        TargetRef now = current.get();
        if (!now.urls().equals(authorized.urls())) {
            changes.add("urls " + authorized.urls() + " -> " + now.urls());
        }
        if (!Objects.equals(now.kubernetes(), authorized.kubernetes())) {
            changes.add("kubernetes " + describe(authorized.kubernetes()) + " -> " + describe(now.kubernetes()));
        }
        if (!now.environment().equals(authorized.environment())) {
            changes.add("environment " + authorized.environment() + " -> " + now.environment());
        }
        return changes.isEmpty() ? Optional.empty()
                : Optional.of("target " + authorized.name() + " changed since the action was authorized: " + String.join("; ", changes));
    }

    private static String describe(KubernetesRef kubernetes) {
        if (kubernetes == null) {
            return "none";
        }
        return kubernetes.kind() + " " + (kubernetes.namespace() == null ? "" : kubernetes.namespace() + "/") + kubernetes.name();
    }
}
