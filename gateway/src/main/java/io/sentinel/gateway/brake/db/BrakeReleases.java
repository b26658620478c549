package io.sentinel.gateway.brake.db;

import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Releases the policy service's global brake on an admin's word: publishes {@link BrakeReleased}
 * with its audit entry in one transaction. The policy service re-checks the releaser's roles and
 * decides whether there was anything to release; the gateway knows nothing of the brake's state.
 */
@Component
public class BrakeReleases {

    private static final Logger log = LoggerFactory.getLogger(BrakeReleases.class);

    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public BrakeReleases(Jdbi jdbi, EventOutbox outbox, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param reason checked by the caller: non-blank, at most {@link BrakeReleased#MAX_REASON_LENGTH} characters */
    public BrakeReleased release(String reason, Caller by) {
        // Each release is a distinct human act, never a replay of another: a fresh id, which is also the event's.
        String releaseId = EventIds.random();
        BrakeReleased released = new BrakeReleased(releaseId, by.name(), reason, clock.instant(), by.grantedRoles());
        jdbi.useTransaction(handle -> {
            outbox.publish(handle, released, releaseId, TraceParent.root());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("releaseId", releaseId);
            detail.put("reason", reason);
            detail.put("via", by.channel().label());
            audit.record(handle, by.name(), by.role(), "brake.release", BrakeReleased.KEY, detail);
        });
        log.info("brake release published releaseId={} by={} via={}", releaseId, by.name(), by.channel().label());
        return released;
    }
}
