package io.sentinel.gateway.audit;

import io.sentinel.events.EventIds;
import io.sentinel.events.approval.Role;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who did what through the gateway. Written on the caller's transaction, so an act and its audit
 * entry commit together or not at all.
 */
@Component
public class AuditTrail {

    private final JsonMapper json;
    private final Clock clock;

    public AuditTrail(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param actorRole null for acts of the gateway itself (the bootstrap key)
     * @param action    dotted name, e.g. {@code approval.vote}
     * @param detail    what the act was about; never a secret
     */
    public void record(Handle handle, String actor, Role actorRole, String action, String target, Map<String, ?> detail) {
        handle.createUpdate("""
                        insert into audit_log (id, at, actor, actor_role, action, target, detail)
                        values (:id, :at, :actor, :actorRole, :action, :target, cast(:detail as jsonb))""")
                .bind("id", EventIds.random())
                .bind("at", clock.instant())
                .bind("actor", actor)
                .bind("actorRole", actorRole == null ? null : actorRole.name())
                .bind("action", action)
                .bind("target", target)
                .bind("detail", json.writeValueAsString(detail))
                .execute();
    }
}
