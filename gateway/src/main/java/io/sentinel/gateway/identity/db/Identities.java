package io.sentinel.gateway.identity.db;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.identity.Identity;
import io.sentinel.gateway.identity.IdentityProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Maps other systems' users to people, each change with its audit entry; looks them up when they act. */
@Component
public class Identities {

    private static final Logger log = LoggerFactory.getLogger(Identities.class);

    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final Clock clock;

    public Identities(Jdbi jdbi, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a save did: created a mapping, changed one, or found it exactly as asked. */
    public record Saved(Identity identity, boolean created) {
    }

    /** Maps the user to the person, or changes the person or role of a mapped user. */
    public Saved save(IdentityProvider provider, String subject, String name, Role role, Caller by) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            IdentityDao identities = handle.attach(IdentityDao.class);
            Optional<Identity> before = identities.lock(provider.id(), subject);
            identities.save(provider.id(), subject, name, role, now, by.name());
            Identity after = identities.find(provider.id(), subject).orElseThrow();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("name", name);
            detail.put("role", role);
            before.ifPresent(previous -> {
                detail.put("previousName", previous.name());
                detail.put("previousRole", previous.role());
            });
            audit.record(handle, by.name(), by.role(), before.isPresent() ? "identity.update" : "identity.create", target(provider, subject),
                    detail);
            log.info("identity {} provider={} subject={} name={} role={} by={}", before.isPresent() ? "updated" : "created", provider.id(),
                    subject, name, role, by.name());
            return new Saved(after, before.isEmpty());
        });
    }

    public List<Identity> list() {
        return jdbi.withExtension(IdentityDao.class, IdentityDao::list);
    }

    public Optional<Identity> find(IdentityProvider provider, String subject) {
        return jdbi.withExtension(IdentityDao.class, identities -> identities.find(provider.id(), subject));
    }

    /** The mapping as it was; empty if there was none. */
    public Optional<Identity> delete(IdentityProvider provider, String subject, Caller by) {
        return jdbi.inTransaction(handle -> {
            IdentityDao identities = handle.attach(IdentityDao.class);
            Optional<Identity> existing = identities.lock(provider.id(), subject);
            if (existing.isPresent() && identities.delete(provider.id(), subject)) {
                audit.record(handle, by.name(), by.role(), "identity.delete", target(provider, subject),
                        Map.of("name", existing.get().name(), "role", existing.get().role()));
                log.info("identity deleted provider={} subject={} name={} by={}", provider.id(), subject, existing.get().name(), by.name());
            }
            return existing;
        });
    }

    /** How audit entries name a mapped user: {@code slack:U024BE7LH}. */
    public static String target(IdentityProvider provider, String subject) {
        return provider.id() + ":" + subject;
    }
}
