package io.sentinel.runtime.inventory;

import io.sentinel.events.settings.InventoryTargetSetting;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingsView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The inventory in force: the configured targets, overlaid with the {@code inventory.targets.<name>}
 * runtime settings. A runtime value that does not fit (unreadable, or an environment the
 * configuration does not list) is ignored with a warning, and the configured target of that name,
 * if any, stays in force.
 */
public final class TargetInventory {

    private static final Logger log = LoggerFactory.getLogger(TargetInventory.class);

    private final List<String> environments;
    private final SettingsView<Map<String, TargetRef>> targets;

    public TargetInventory(InventoryProperties configured, RuntimeSettings settings) {
        this.environments = configured.environments();
        this.targets = new SettingsView<>(settings, () -> overlay(configured, settings.under(InventoryTargetSetting.PREFIX)));
        this.targets.get();
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

    private Map<String, TargetRef> overlay(InventoryProperties configured, Map<String, JsonNode> runtime) {
        Map<String, TargetRef> merged = new LinkedHashMap<>();
        configured.configuredTargets().forEach(target -> merged.put(target.name(), target));
        runtime.forEach((name, value) -> {
            String setting = InventoryTargetSetting.PREFIX + name;
            try {
                TargetRef target = InventoryTargetSetting.read(setting, value);
                if (!environments.contains(target.environment())) {
                    throw new IllegalArgumentException(setting + ": environment '" + target.environment() + "' is not one of "
                            + environments + " (" + InventoryProperties.PREFIX + ".environments)");
                }
                merged.put(target.name(), target);
            } catch (IllegalArgumentException e) {
                log.warn("ignoring runtime setting {}: {}", setting, e.getMessage());
            }
        });
        return Map.copyOf(merged);
    }
}
