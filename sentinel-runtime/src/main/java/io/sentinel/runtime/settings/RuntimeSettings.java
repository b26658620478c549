package io.sentinel.runtime.settings;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A service's runtime settings: the latest value of every setting on the compacted config topic,
 * replayed in full at every start. A value here overrides the configured default of the same
 * setting; removing it restores the default. Each service reads the names it owns (its prefix, e.g.
 * {@code detector.}) and the shared ones ({@code inventory.}).
 */
public final class RuntimeSettings {

    private static final Logger log = LoggerFactory.getLogger(RuntimeSettings.class);

    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public void apply(EventEnvelope<ConfigEvent> envelope) {
        ConfigEvent event = envelope.event();
        switch (event) {
            case SettingChanged changed -> {
                values.put(changed.name(), changed.value());
                log.info("runtime setting changed name={} by={}", changed.name(), changed.changedBy());
            }
            case SettingRemoved removed -> {
                values.remove(removed.name());
                log.info("runtime setting removed name={} by={}", removed.name(), removed.changedBy());
            }
        }
        version.incrementAndGet();
    }

    public Optional<JsonNode> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Every setting whose name starts with {@code prefix}, keyed by the rest of the name. */
    public Map<String, JsonNode> under(String prefix) {
        Map<String, JsonNode> matching = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                matching.put(name.substring(prefix.length()), value);
            }
        });
        return matching;
    }

    /** Changes whenever any setting does, so readers can cache what they derive from settings. */
    public long version() {
        return version.get();
    }
}
