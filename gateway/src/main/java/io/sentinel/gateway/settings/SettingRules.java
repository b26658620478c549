package io.sentinel.gateway.settings;

import io.sentinel.events.settings.InventoryTargetSetting;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.target.TargetRef;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Every setting's contract, checked before anything is published: the value must make the record its
 * setting's contract defines ({@link SettingContracts}, in sentinel-events), which is what the service
 * that applies the setting reads it with, so a value the service would ignore is refused here, with the
 * field that is wrong. Settings are signed by the gateway and trusted by every service that reads them;
 * for the target inventory (URLs the executor calls, the environment that decides an action's risk)
 * the environment must also be one the services list. Pure.
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
        if (name.value().startsWith(INVENTORY) && !InventoryTargetSetting.names(name.value())) {
            throw new InvalidSettingException("setting name '" + name + "': the inventory's runtime settings are "
                    + InventoryTargetSetting.PREFIX + "<target name>");
        }
        Object read;
        try {
            read = SettingContracts.read(name.value(), value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage());
        }
        if (read instanceof TargetRef target && !environments.contains(target.environment())) {
            throw new InvalidSettingException(name + ": field 'environment' must be one of " + environments + " (" + ENVIRONMENTS_PROPERTY
                    + "), was '" + target.environment() + "'");
        }
    }
}
