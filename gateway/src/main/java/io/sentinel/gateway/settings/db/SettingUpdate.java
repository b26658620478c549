package io.sentinel.gateway.settings.db;

import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.gateway.settings.Setting;
import io.sentinel.gateway.settings.SettingName;
import io.sentinel.gateway.settings.SettingVersion;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One change of one setting, inside the transaction {@link SettingWrites#update} opened and while it
 * holds the setting's lock: the current value to start from, and the means to publish the new one.
 */
public final class SettingUpdate {

    private final Handle handle;
    private final SettingName name;
    private final EventOutbox outbox;
    private final JsonMapper json;
    private final Instant now;
    private Optional<SettingVersion> current;

    SettingUpdate(Handle handle, SettingName name, Optional<SettingVersion> current, EventOutbox outbox, JsonMapper json, Instant now) {
        this.handle = handle;
        this.name = name;
        this.current = current;
        this.outbox = outbox;
        this.json = json;
        this.now = now;
    }

    public SettingName name() {
        return name;
    }

    /** The setting's value as last changed, through this gateway or read back from the topic; empty if it has none. */
    public Optional<Setting> current() {
        return current.flatMap(SettingVersion::setting);
    }

    /** The time of this change, taken once the lock was held. */
    public Instant now() {
        return now;
    }

    /** The transaction, for the caller's audit entry: the change and its entry commit together. */
    public Handle handle() {
        return handle;
    }

    public Setting change(JsonNode value, String changedBy) {
        Instant at = changeTime();
        publish(new SettingChanged(name.value(), value, changedBy, at), json.writeValueAsString(value), changedBy, at);
        current = Optional.of(new SettingVersion(name.value(), value, changedBy, at));
        return new Setting(name.value(), value, changedBy, at);
    }

    public void remove(String changedBy) {
        Instant at = changeTime();
        publish(new SettingRemoved(name.value(), changedBy, at), null, changedBy, at);
        current = Optional.of(new SettingVersion(name.value(), null, changedBy, at));
    }

    /**
     * Later than the version it replaces, even if this replica's clock is behind the one that wrote
     * that version: the next update compares versions by this time to find the newest.
     */
    private Instant changeTime() {
        return current.map(SettingVersion::changedAt)
                .filter(previous -> !now.isAfter(previous))
                .map(previous -> previous.plusMillis(1))
                .orElse(now);
    }

    /** Each change is a distinct act, never a replay of another, so it gets a fresh id; it starts its own trace. */
    private void publish(ConfigEvent event, String valueJson, String changedBy, Instant at) {
        String eventId = EventIds.random();
        handle.attach(PublishedSettingDao.class).record(name.value(), valueJson, changedBy, at, eventId);
        outbox.publish(handle, event, eventId, TraceParent.root());
    }
}
