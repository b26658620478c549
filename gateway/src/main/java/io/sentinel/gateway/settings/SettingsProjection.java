package io.sentinel.gateway.settings;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every setting on the compacted {@code sentinel.config.v1}, as the services that apply them see it:
 * each gateway instance replays the whole topic at start (an anonymous group from the earliest
 * offset) and follows it from then on. Kept in memory, one entry per key the topic holds (removals
 * included, so that a removal still outranks an older value), which compaction keeps to the number
 * of distinct setting names. Records of one key arrive in the order they were published, so the
 * last one read is the current value, exactly as the consuming services apply it.
 */
@Component
public class SettingsProjection {

    private static final Logger log = LoggerFactory.getLogger(SettingsProjection.class);

    private final Map<String, SettingVersion> versions = new ConcurrentHashMap<>();

    public void apply(EventEnvelope<ConfigEvent> envelope) {
        SettingVersion version = switch (envelope.event()) {
            case SettingChanged changed -> new SettingVersion(changed.name(), changed.value(), changed.changedBy(), changed.changedAt());
            case SettingRemoved removed -> new SettingVersion(removed.name(), null, removed.changedBy(), removed.changedAt());
        };
        versions.put(version.name(), version);
        log.debug("setting projected name={} removed={} by={} at={}", version.name(), version.removed(), version.changedBy(),
                version.changedAt());
    }

    /** Every setting that currently has a value, by name. */
    public List<Setting> current() {
        return versions.values().stream()
                .flatMap(version -> version.setting().stream())
                .sorted(Comparator.comparing(Setting::name))
                .toList();
    }

    public Optional<Setting> find(String name) {
        return latest(name).flatMap(SettingVersion::setting);
    }

    /** The latest version read from the topic, a removal included. */
    public Optional<SettingVersion> latest(String name) {
        return Optional.ofNullable(versions.get(name));
    }
}
