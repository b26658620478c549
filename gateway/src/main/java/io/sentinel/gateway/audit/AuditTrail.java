package io.sentinel.gateway.audit;

import io.sentinel.events.EventIds;
import io.sentinel.events.approval.Role;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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
        insert(handle, actor, actorRole, action, target, json.writeValueAsString(detail));
    }

    /** For acts whose detail is a JSON document already, e.g. the new value of a runtime setting. */
    public void record(Handle handle, String actor, Role actorRole, String action, String target, JsonNode detail) {
        insert(handle, actor, actorRole, action, target, json.writeValueAsString(detail));
    }

    private void insert(Handle handle, String actor, Role actorRole, String action, String target, String detail) {
        handle.createUpdate("""
                        insert into audit_log (id, at, actor, actor_role, action, target, detail)
                        values (:id, :at, :actor, :actorRole, :action, :target, cast(:detail as jsonb))""")
                .bind("id", EventIds.random())
                .bind("at", clock.instant())
                .bind("actor", actor)
                .bind("actorRole", actorRole == null ? null : actorRole.name())
                .bind("action", action)
                .bind("target", target)
                .bind("detail", detail)
                .execute();
    }
}
