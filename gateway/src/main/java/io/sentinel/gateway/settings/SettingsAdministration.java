package io.sentinel.gateway.settings;

import io.sentinel.gateway.audit.AuditTrail;
import io.sentinel.gateway.auth.ApiKeyPrincipal;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Sets and removes runtime settings as given, each with its audit entry. The gateway does not read
 * the values: the service that owns a setting validates it when applying it, and keeps its previous
 * value (with a warning in its log) if the new one does not fit.
 */
@Component
public class SettingsAdministration {

    private static final Logger log = LoggerFactory.getLogger(SettingsAdministration.class);

    private final SettingWrites writes;
    private final AuditTrail audit;

    public SettingsAdministration(SettingWrites writes, AuditTrail audit) {
        this.writes = writes;
        this.audit = audit;
    }

    public Setting change(SettingName name, JsonNode value, ApiKeyPrincipal caller) {
        Setting changed = writes.update(name, update -> {
            Setting setting = update.change(value, caller.name());
            audit.record(update.handle(), caller.name(), caller.role(), "setting.change", name.value(), value);
            return setting;
        });
        log.info("setting changed name={} by={} bytes={}", name, caller.name(), SettingValue.size(value));
        return changed;
    }

    /** The setting's value before it was removed; empty if it had none, and then nothing is published. */
    public Optional<Setting> remove(SettingName name, ApiKeyPrincipal caller) {
        Optional<Setting> removed = writes.update(name, update -> {
            Optional<Setting> current = update.current();
            current.ifPresent(previous -> {
                update.remove(caller.name());
                audit.record(update.handle(), caller.name(), caller.role(), "setting.remove", name.value(), Map.of("previous", previous.value()));
            });
            return current;
        });
        if (removed.isPresent()) {
            log.info("setting removed name={} by={}", name, caller.name());
        }
        return removed;
    }
}
