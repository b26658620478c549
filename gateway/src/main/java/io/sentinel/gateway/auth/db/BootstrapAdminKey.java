package io.sentinel.gateway.auth.db;

import io.sentinel.events.EventIds;
import io.sentinel.events.approval.Role;
import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.ApiKeySecret;
import io.sentinel.gateway.auth.AuthProperties;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Installs the configured bootstrap ADMIN key. Runs once every bean exists (so the schema is
 * migrated) and before the server accepts requests, so the key works from the first request.
 */
@Component
class BootstrapAdminKey implements SmartInitializingSingleton {

    static final String NAME = "bootstrap-admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);

    private final AuthProperties properties;
    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final Clock clock;

    BootstrapAdminKey(AuthProperties properties, Jdbi jdbi, AuditTrail audit, Clock clock) {
        this.properties = properties;
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        properties.bootstrapAdmin().ifPresentOrElse(this::install, this::warnIfNoAdmin);
    }

    private void install(ApiKeySecret secret) {
        jdbi.useTransaction(handle -> {
            ApiKeyDao keys = handle.attach(ApiKeyDao.class);
            var existing = keys.findByHash(secret.hash());
            if (existing.isPresent()) {
                if (existing.get().revoked()) {
                    log.warn("the bootstrap admin key ({}) was revoked and stays revoked; set a new one or use another ADMIN key keyId={}",
                            AuthProperties.BOOTSTRAP_ADMIN_KEY, existing.get().id());
                }
                return;
            }
            String id = EventIds.random();
            keys.insert(id, NAME, Role.ADMIN, secret.hash(), clock.instant(), AuthProperties.BOOTSTRAP_ADMIN_KEY);
            audit.record(handle, "gateway", null, "api_key.create", id, Map.of("name", NAME, "role", Role.ADMIN, "source", "bootstrap"));
            log.info("bootstrap admin key installed keyId={} name={} from={}", id, NAME, AuthProperties.BOOTSTRAP_ADMIN_KEY);
        });
    }

    private void warnIfNoAdmin() {
        if (!jdbi.withExtension(ApiKeyDao.class, ApiKeyDao::activeAdminExists)) {
            log.warn("no active ADMIN API key exists, so nobody can create API keys. Set {} (environment variable "
                    + "SENTINEL_BOOTSTRAP_ADMIN_KEY) to 'snl_' followed by at least 32 random characters, e.g. "
                    + "SENTINEL_BOOTSTRAP_ADMIN_KEY=snl_$(openssl rand -hex 20), and restart the gateway", AuthProperties.BOOTSTRAP_ADMIN_KEY);
        }
    }
}
