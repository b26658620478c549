package io.sentinel.runtime.inventory;

import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingsView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory in force: the configured targets, overlaid by name with the
 * {@code inventory.targets.<name>} runtime settings ({@link RuntimeOverlay#byName}, read by the same
 * contract the gateway checks them with). A runtime value that does not fit (unreadable, or an
 * environment the configuration does not list) is ignored with a warning, and the configured target
 * of that name, if any, stays in force.
 */
public final class TargetInventory {

    private final List<String> environments;
    private final SettingsView<Map<String, TargetRef>> targets;

    public TargetInventory(InventoryProperties configured, RuntimeSettings settings) {
        this.environments = configured.environments();
        Map<String, TargetRef> listed = new LinkedHashMap<>();
        configured.configuredTargets().forEach(target -> listed.put(target.name(), target));
        this.targets = new RuntimeOverlay(settings).byName(SettingContracts.INVENTORY_TARGETS, listed, this::inListedEnvironment);
    }

    /** The listed target of that name; empty for a resource the inventory does not know. */
    public Optional<TargetRef> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(targets.get().get(name));
    }

    /** The target's environment; the most sensitive environment for a target the inventory does not list. */
    public String environmentOf(String name) {
        return find(name).map(TargetRef::environment).orElseGet(this::mostSensitiveEnvironment);
    }

    /** Where an unlisted resource is assumed to be: the last of the configured environments. */
    public String mostSensitiveEnvironment() {
        return environments.getLast();
    }

    public List<String> environments() {
        return environments;
    }

    public Map<String, TargetRef> all() {
        return targets.get();
    }

    private TargetRef inListedEnvironment(TargetRef target) {
        if (!environments.contains(target.environment())) {
            throw new IllegalArgumentException("environment '" + target.environment() + "' is not one of " + environments + " ("
                    + InventoryProperties.PREFIX + ".environments)");
        }
        return target;
    }
}
