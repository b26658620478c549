package io.sentinel.gateway.settings.db;

import io.sentinel.gateway.settings.PublishedSetting;
import io.sentinel.gateway.settings.SettingName;
import io.sentinel.gateway.settings.SettingVersion;
import io.sentinel.gateway.settings.SettingsProjection;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where every change to a runtime setting is published; the gateway is the only producer of
 * {@code sentinel.config.v1}. Changes to one setting happen one at a time, across gateway replicas
 * too (a lock on the name held until the transaction ends), and each starts from the newest version
 * the gateway knows of: what it read back from the topic, or what it published itself
 * ({@code setting_published}) when the topic has not brought that back yet. Without both, two
 * operators adding a silence at once would each rewrite the list without the other's silence.
 * The change, its event (through the outbox) and the caller's audit entry commit together.
 */
@Component
public class SettingWrites {

    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final SettingsProjection projection;
    private final JsonMapper json;
    private final Clock clock;

    public SettingWrites(Jdbi jdbi, EventOutbox outbox, SettingsProjection projection, JsonMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.projection = projection;
        this.json = json;
        this.clock = clock;
    }

    /** Runs {@code change} holding the setting's lock, in one transaction; what it publishes is published once it commits. */
    public <T> T update(SettingName name, Function<SettingUpdate, T> change) {
        return jdbi.inTransaction(handle -> {
            PublishedSettingDao published = handle.attach(PublishedSettingDao.class);
            published.lock(name.value());
            Optional<SettingVersion> own = published.find(name.value()).map(this::version);
            // On a tie the gateway's own row wins: it is the same change.
            Optional<SettingVersion> current = SettingVersion.newer(own, projection.latest(name.value()));
            return change.apply(new SettingUpdate(handle, name, current, outbox, json, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        });
    }

    private SettingVersion version(PublishedSetting row) {
        return new SettingVersion(row.name(), row.value() == null ? null : json.readTree(row.value()), row.changedBy(), row.changedAt());
    }
}
