package io.sentinel.events.config;

import io.sentinel.events.EventFields;
import java.time.Instant;

/** The setting falls back to the owning service's configured default. */
public record SettingRemoved(String name, String changedBy, Instant changedAt) implements ConfigEvent {

    public SettingRemoved {
        EventFields.requireText(name, "name");
        EventFields.requireText(changedBy, "changedBy");
        EventFields.require(changedAt, "changedAt");
    }
}
