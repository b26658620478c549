package io.sentinel.gateway.silences;

import io.sentinel.events.settings.SettingJson;
import io.sentinel.events.settings.detector.SilenceSetting;
import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.settings.Setting;
import io.sentinel.gateway.settings.SettingName;
import io.sentinel.gateway.settings.SettingValue;
import io.sentinel.gateway.settings.SettingsProjection;
import io.sentinel.gateway.settings.db.SettingUpdate;
import io.sentinel.gateway.settings.db.SettingWrites;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Silences without hand-editing a JSON array at 3 a.m.: adds a silence to, or expires one in, the
 * detector's runtime setting {@code detector.silences}. Each edit is a read-modify-write of the whole
 * list through {@link SettingWrites}, so concurrent edits queue rather than overwrite each other.
 */
@Component
public class Silences {

    /** The setting the detector applies silences from (its {@code NoiseControl.SILENCES}). */
    public static final SettingName SETTING = new SettingName("detector.silences");
    private static final Logger log = LoggerFactory.getLogger(Silences.class);
    /** 48 bits: short enough to read out on a call, and a collision is checked for anyway. */
    private static final int ID_BYTES = 6;

    private final SettingsProjection settings;
    private final SettingWrites writes;
    private final AuditTrail audit;
    private final SilenceProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Silences(SettingsProjection settings, SettingWrites writes, AuditTrail audit, SilenceProperties properties, Clock clock) {
        this.settings = settings;
        this.writes = writes;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** The silences the detector has been told about: the setting as read back from the config topic. */
    public List<Silence> list() {
        try {
            return SilenceList.of(settings.find(SETTING.value()).map(Setting::value)).silences();
        } catch (SilenceConflictException e) {
            log.warn("cannot list silences: {}", e.getMessage());
            return List.of();
        }
    }

    public Silence create(SilenceRequest request, Caller caller) {
        NewSilence wanted = request.validate(clock.instant().truncatedTo(ChronoUnit.MILLIS), properties);
        Silence created = writes.update(SETTING, update -> {
            SilenceList current = currentList(update);
            SilenceSetting silence = wanted.toSetting(newId(current), caller.name());
            publish(update, current.with(silence, update.now(), properties.keepExpired()), caller);
            audit.record(update.handle(), caller.name(), caller.role(), "silence.create", silence.id(), SettingJson.tree(silence));
            return Silence.of(silence);
        });
        log.info("silence created id={} by={} startsAt={} endsAt={} labels={}", created.id(), caller.name(), created.startsAt(),
                created.endsAt(), created.matchers().keySet());
        return created;
    }

    /** The silence as it now stands; empty if there is no silence with this id. */
    public Optional<Silence> expire(String id, Caller caller) {
        Optional<SilenceList.Expiry> expiry = writes.update(SETTING, update -> {
            Optional<SilenceList.Expiry> expired = currentList(update).expire(id, update.now(), properties.keepExpired());
            expired.filter(SilenceList.Expiry::changed).ifPresent(changed -> {
                publish(update, changed.list(), caller);
                audit.record(update.handle(), caller.name(), caller.role(), "silence.expire", id, SettingJson.tree(changed.silence()));
            });
            return expired;
        });
        expiry.filter(SilenceList.Expiry::changed).ifPresent(expired ->
                log.info("silence expired id={} by={} endsAt={}", id, caller.name(), expired.silence().endsAt()));
        return expiry.map(SilenceList.Expiry::silence);
    }

    private static SilenceList currentList(SettingUpdate update) {
        return SilenceList.of(update.current().map(Setting::value));
    }

    /** Publishes the whole list, once the setting's contract says the detector will apply it. */
    private void publish(SettingUpdate update, SilenceList list, Caller caller) {
        JsonNode value = list.checked().toJson();
        int size = SettingValue.size(value);
        if (size > SettingValue.MAX_BYTES) {
            throw new SilenceConflictException(SETTING + " would grow to " + size + " bytes, over the " + SettingValue.MAX_BYTES
                    + " a setting may hold; expire silences that are no longer needed first");
        }
        update.change(value, caller.name());
    }

    private String newId(SilenceList current) {
        byte[] bytes = new byte[ID_BYTES];
        String id;
        do {
            random.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
        } while (current.contains(id));
        return id;
    }
}
