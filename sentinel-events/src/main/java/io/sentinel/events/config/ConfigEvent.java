package io.sentinel.events.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.SentinelEvent;

/** Runtime settings (thresholds, silences, ...), published by the gateway on a compacted topic. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ConfigEvent extends SentinelEvent permits SettingChanged, SettingRemoved {

    /** Dotted name of the setting, e.g. {@code detector.thresholds.memory-usage-high}. */
    String name();

    @Override
    default String key() {
        return name();
    }
}
