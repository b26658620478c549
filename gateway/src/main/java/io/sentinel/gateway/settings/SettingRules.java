package io.sentinel.gateway.settings;

import io.sentinel.events.settings.InventoryTargetSetting;
import io.sentinel.events.target.TargetRef;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The settings whose contract the gateway knows, checked before anything is published. Settings
 * are signed by the gateway and trusted by every service that reads them, so a value that could
 * point an action somewhere it must not go (the target inventory: URLs the executor calls, the
 * environment that decides an action's risk) is refused here, with the reason, rather than left for
 * each service to ignore. Other settings are left to the service that owns them. Pure.
 */
public final class SettingRules {

    static final String INVENTORY = "inventory.";
    static final String ENVIRONMENTS_PROPERTY = "sentinel.inventory.environments";

    private final List<String> environments;

    /** @param environments the inventory's environments ({@code sentinel.inventory.environments}) */
    public SettingRules(List<String> environments) {
        this.environments = List.copyOf(environments);
    }

    /** @throws InvalidSettingException naming the setting and what is wrong with it */
    public void check(SettingName name, JsonNode value) {
        if (name.value().startsWith(INVENTORY)) {
            checkInventoryTarget(name, value);
        }
    }

    private void checkInventoryTarget(SettingName name, JsonNode value) {
        if (!InventoryTargetSetting.names(name.value())) {
            throw new InvalidSettingException("setting name '" + name + "': the inventory's runtime settings are "
                    + InventoryTargetSetting.PREFIX + "<target name>");
        }
        TargetRef target;
        try {
            target = InventoryTargetSetting.read(name.value(), value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage());
        }
        if (!environments.contains(target.environment())) {
            throw new InvalidSettingException(name + ": field 'environment' must be one of " + environments + " (" + ENVIRONMENTS_PROPERTY
                    + "), was '" + target.environment() + "'");
        }
    }
}
