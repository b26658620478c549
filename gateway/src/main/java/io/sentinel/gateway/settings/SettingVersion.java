package io.sentinel.gateway.settings;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The latest change of one setting. A removal is a version too (value null): it must win over an
 * older value, wherever that older value is remembered.
 */
public record SettingVersion(String name, JsonNode value, String changedBy, Instant changedAt) {

    public boolean removed() {
        return value == null;
    }

    public Optional<Setting> setting() {
        return removed() ? Optional.empty() : Optional.of(new Setting(name, value, changedBy, changedAt));
    }

    /**
     * The later of two versions of a setting, by when they were changed; on a tie the first, so that
     * the caller decides which source it trusts for the same change. Pure.
     */
    public static Optional<SettingVersion> newer(Optional<SettingVersion> first, Optional<SettingVersion> second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        return second.get().changedAt().isAfter(first.get().changedAt()) ? second : first;
    }
}
