package io.sentinel.gateway.audit.db;

import io.sentinel.events.approval.Role;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * Audit entries for attempts that change nothing else, e.g. a Slack user who may not vote pressing
 * Approve: each written in a transaction of its own. Acts that change something are audited on the
 * act's own transaction instead, through {@link AuditTrail}.
 */
@Component
public class AuditEntries {

    private final Jdbi jdbi;
    private final AuditTrail trail;

    public AuditEntries(Jdbi jdbi, AuditTrail trail) {
        this.jdbi = jdbi;
        this.trail = trail;
    }

    /** @param actorRole null when the actor is nobody the gateway knows */
    public void record(String actor, Role actorRole, String action, String target, Map<String, ?> detail) {
        jdbi.useHandle(handle -> trail.record(handle, actor, actorRole, action, target, detail));
    }
}
