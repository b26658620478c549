package io.sentinel.events.config;

import io.sentinel.events.EventFields;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** @param value the setting's new value; its shape is defined by the service that owns the setting */
public record SettingChanged(String name, JsonNode value, String changedBy, Instant changedAt) implements ConfigEvent {

    public SettingChanged {
        EventFields.requireText(name, "name");
        EventFields.require(value, "value");
        EventFields.requireText(changedBy, "changedBy");
        EventFields.require(changedAt, "changedAt");
    }
}
