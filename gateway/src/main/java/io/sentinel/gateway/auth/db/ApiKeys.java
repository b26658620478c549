package io.sentinel.gateway.auth.db;

import io.sentinel.events.EventIds;
import io.sentinel.events.approval.Role;
import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.ApiKey;
import io.sentinel.gateway.auth.ApiKeyAuthenticator;
import io.sentinel.gateway.auth.ApiKeySecret;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.auth.IssuedApiKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Issues, lists, revokes and recognises API keys. Keys are looked up by hash; no plaintext is kept or logged. */
@Component
public class ApiKeys implements ApiKeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Jdbi jdbi, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The caller a presented key stands for; empty for anything that is not an active key. Only a
     * value of exactly the generated shape is hashed and looked up: anything else is refused without
     * a database query.
     */
    @Override
    public Optional<Caller> authenticate(String presented) {
        Optional<ApiKeySecret> secret = ApiKeySecret.parse(presented);
        if (secret.isEmpty()) {
            log.debug("malformed API key presented");
            return Optional.empty();
        }
        String hash = secret.get().hash();
        return jdbi.withHandle(handle -> {
            ApiKeyDao keys = handle.attach(ApiKeyDao.class);
            Optional<ApiKey> found = keys.findByHash(hash);
            if (found.isEmpty()) {
                log.debug("unknown API key presented");
                return Optional.empty();
            }
            ApiKey key = found.get();
            if (key.revoked()) {
                log.info("revoked API key presented keyId={} name={} revokedAt={}", key.id(), key.name(), key.revokedAt());
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (key.useWorthRecording(now)) {
                keys.recordUse(key.id(), now, now.minus(ApiKey.LAST_USED_PRECISION));
            }
            return Optional.of(key.principal());
        });
    }

    public IssuedApiKey issue(String name, Role role, Caller issuer) {
        ApiKeySecret secret = ApiKeySecret.generate(random);
        ApiKey key = new ApiKey(EventIds.random(), name, role, clock.instant(), issuer.name(), null, null);
        jdbi.useTransaction(handle -> {
            if (!handle.attach(ApiKeyDao.class).insert(key.id(), key.name(), key.role(), secret.hash(), key.createdAt(), key.createdBy())) {
                throw new IllegalStateException("a freshly generated API key collided with an existing one");
            }
            audit.record(handle, issuer.name(), issuer.role(), "api_key.create", key.id(), Map.of("name", name, "role", role));
        });
        log.info("API key created keyId={} name={} role={} by={}", key.id(), name, role, issuer.name());
        return new IssuedApiKey(key, secret);
    }

    public List<ApiKey> list() {
        return jdbi.withExtension(ApiKeyDao.class, ApiKeyDao::list);
    }

    /** Revokes the key if it is active; empty if there is no such key. Revoking a revoked key changes nothing. */
    public Optional<ApiKey> revoke(String id, Caller revoker) {
        return jdbi.inTransaction(handle -> {
            ApiKeyDao keys = handle.attach(ApiKeyDao.class);
            Optional<ApiKey> key = keys.find(id);
            if (key.isPresent() && keys.revoke(id, clock.instant())) {
                audit.record(handle, revoker.name(), revoker.role(), "api_key.revoke", id,
                        Map.of("name", key.get().name(), "role", key.get().role()));
                log.info("API key revoked keyId={} name={} by={}", id, key.get().name(), revoker.name());
                return keys.find(id);
            }
            return key;
        });
    }
}
