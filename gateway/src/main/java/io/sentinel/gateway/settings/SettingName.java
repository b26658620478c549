package io.sentinel.gateway.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The name of a runtime setting, e.g. {@code detector.threshold.memory-usage-high}: the key of its
 * records on {@code sentinel.config.v1}. Pure.
 */
public record SettingName(String value) {

    static final int MAX_LENGTH = 200;
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9.-]{0," + (MAX_LENGTH - 1) + "}");

    /**
     * The settings services apply, by the prefix of their names: {@code detector.} (the detector's
     * rules and noise settings) and {@code inventory.} (the target inventory, applied by the analyzer,
     * the policy service and the executor). A name outside these would be published to a topic nobody
     * applies it from, so the gateway refuses it. This is the one list to extend when another service
     * starts reading settings.
     */
    public static final List<String> SERVICE_PREFIXES = List.of("detector.", "inventory.", "policy.");

    public SettingName {
        if (value == null || value.isEmpty()) {
            throw new InvalidSettingException("setting name is required, e.g. detector.threshold.memory-usage-high");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidSettingException("setting name must be at most " + MAX_LENGTH + " characters, was " + value.length());
        }
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidSettingException("setting name '" + value
                    + "' may contain only lowercase letters, digits, '.' and '-', and must start with a letter or digit");
        }
        String name = value;
        if (SERVICE_PREFIXES.stream().noneMatch(prefix -> name.startsWith(prefix) && name.length() > prefix.length())) {
            throw new InvalidSettingException("setting name '" + value + "' must start with the prefix of the service that applies it, one of "
                    + SERVICE_PREFIXES + ", followed by the setting, e.g. detector.threshold.memory-usage-high");
        }
        if (value.contains("..") || value.endsWith(".")) {
            // An empty part names nothing: the last part is a rule's or a target's name in the owning service.
            throw new InvalidSettingException("setting name '" + value + "' must not have an empty part ('..' or a trailing '.')");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
