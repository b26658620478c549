package io.sentinel.gateway.audit.db;

import io.sentinel.events.EventIds;
import io.sentinel.events.approval.Role;
import io.sentinel.gateway.audit.db.AuditLogDao;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Who did what through the gateway. Written on the caller's transaction, so an act and its audit
 * entry commit together or not at all: which is why it takes the caller's {@link Handle}.
 */
@Component
public class AuditTrail {

    private final Clock clock;

    public AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param actorRole null for acts of the gateway itself (the bootstrap key)
     * @param action    dotted name, e.g. {@code approval.vote}
     * @param detail    what the act was about; never a secret
     */
    public void record(Handle handle, String actor, Role actorRole, String action, String target, Map<String, ?> detail) {
        handle.attach(AuditLogDao.class).append(EventIds.random(), clock.instant(), actor, roleOf(actorRole), action, target, detail);
    }

    /** For acts whose detail is a JSON document already, e.g. the new value of a runtime setting. */
    public void record(Handle handle, String actor, Role actorRole, String action, String target, JsonNode detail) {
        handle.attach(AuditLogDao.class).append(EventIds.random(), clock.instant(), actor, roleOf(actorRole), action, target, detail);
    }

    private static String roleOf(Role role) {
        return role == null ? null : role.name();
    }
}
