package io.sentinel.events.settings;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime setting {@code inventory.targets.<name>}: one target of the inventory, added or
 * replacing the configured target of that name. Its value has the fields of a configured target
 * except the name, which is the last part of the setting's name:
 * {@code {"environment": "production", "urls": ["http://shop.prod:8080"], "kubernetes": {...}}}.
 * The gateway refuses a value this cannot read before publishing it; the services that apply it
 * (analyzer, policy, executor) read it with this same code.
 */
public record InventoryTargetSetting(String environment, List<String> urls, KubernetesRef kubernetes) {

    public static final String PREFIX = "inventory.targets.";

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Whether a setting name is one of these. */
    public static boolean names(String settingName) {
        return settingName.startsWith(PREFIX) && settingName.length() > PREFIX.length();
    }

    /**
     * @throws IllegalArgumentException naming the setting and what is wrong with its value
     */
    public static TargetRef read(String settingName, JsonNode value) {
        if (!names(settingName)) {
            throw new IllegalArgumentException("'" + settingName + "' is not an inventory target setting (" + PREFIX + "<name>)");
        }
        String name = settingName.substring(PREFIX.length());
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(settingName + ": the value must be an object {environment, urls, kubernetes}");
        }
        try {
            InventoryTargetSetting setting = STRICT.treeToValue(value, InventoryTargetSetting.class);
            return new TargetRef(name, setting.environment(), setting.urls(), setting.kubernetes());
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : null;
            throw new IllegalArgumentException(settingName + ": " + (cause != null ? cause.getMessage() : e.getOriginalMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingName + ": " + e.getMessage(), e);
        }
    }
}
