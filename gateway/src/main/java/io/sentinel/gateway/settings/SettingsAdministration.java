package io.sentinel.gateway.settings;

import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.settings.db.SettingWrites;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Sets and removes runtime settings, each with its audit entry. Every value is checked first against
 * its setting's contract, see {@link SettingRules}: a value the owning service would not apply is
 * refused here, and nothing is published or audited.
 */
@Component
public class SettingsAdministration {

    private static final Logger log = LoggerFactory.getLogger(SettingsAdministration.class);

    private final SettingWrites writes;
    private final SettingRules rules;
    private final AuditTrail audit;

    public SettingsAdministration(SettingWrites writes, SettingRules rules, AuditTrail audit) {
        this.writes = writes;
        this.rules = rules;
        this.audit = audit;
    }

    /** @throws InvalidSettingException if the value breaks its setting's contract; then nothing is published */
    public Setting change(SettingName name, JsonNode value, Caller caller) {
        rules.check(name, value);
        Setting changed = writes.update(name, update -> {
            Setting setting = update.change(value, caller.name());
            audit.record(update.handle(), caller.name(), caller.role(), "setting.change", name.value(), value);
            return setting;
        });
        log.info("setting changed name={} by={} bytes={}", name, caller.name(), SettingValue.size(value));
        return changed;
    }

    /** The setting's value before it was removed; empty if it had none, and then nothing is published. */
    public Optional<Setting> remove(SettingName name, Caller caller) {
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
