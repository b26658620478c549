package io.sentinel.events.settings;

import tools.jackson.databind.JsonNode;

/**
 * One family of runtime settings: which names it covers, what their values must be, and how a value
 * overlays the service's configuration. The gateway checks every value with it before publishing; the
 * service that applies the value reads it with the same contract (see {@link SettingContracts}).
 */
public sealed interface SettingContract permits WholeSetting, NamedSetting, PropertySetting {

    /** How a runtime value and the configured value of the same thing combine. */
    enum Merge {
        /** The value replaces the configured section (or list) as a whole while it exists; fields it leaves out take their defaults. */
        REPLACE,
        /** The value's elements join the configured ones. */
        APPEND,
        /** {@code <prefix><name>}: the value adds the entry of that name, or replaces the configured entry of that name. */
        BY_NAME,
        /** {@code <prefix><property>}: the value replaces one property of the configured section; the others stay as configured. */
        PER_PROPERTY
    }

    /** The setting's name; for a family of settings, the prefix their names share (ending in {@code .}). */
    String name();

    Merge merge();

    boolean covers(String settingName);

    /**
     * The value, typed and checked: the section or list ({@link Merge#REPLACE}, {@link Merge#APPEND}),
     * the entry with its name ({@link Merge#BY_NAME}), the property's value ({@link Merge#PER_PROPERTY}).
     *
     * @throws IllegalArgumentException naming the setting and the field, e.g.
     *                                  {@code detector.flapping: max-openings must be at least 2, was 1}
     */
    Object read(String settingName, JsonNode value);
}
