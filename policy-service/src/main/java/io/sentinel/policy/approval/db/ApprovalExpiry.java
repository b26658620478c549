package io.sentinel.policy.approval.db;

import io.sentinel.events.EventIds;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires approval requests nobody voted on in time. The status change and the ApprovalExpired event
 * commit together; the event id is derived from the approval, so a replica expiring the same request
 * (or a retry after a crash) publishes the same event, which consumers drop as a duplicate.
 */
@Component
public class ApprovalExpiry {

    private static final Logger log = LoggerFactory.getLogger(ApprovalExpiry.class);
    private static final int BATCH_SIZE = 100;

    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final Clock clock;

    public ApprovalExpiry(Jdbi jdbi, EventOutbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${sentinel.policy.approval.expiry-check-interval:10s}",
            fixedDelayString = "${sentinel.policy.approval.expiry-check-interval:10s}")
    public void expireOverdue() {
        int expired;
        do {
            expired = expireBatch(clock.instant());
        } while (expired == BATCH_SIZE);
    }

    private int expireBatch(Instant now) {
        return jdbi.inTransaction(handle -> {
            ApprovalRequestDao requests = handle.attach(ApprovalRequestDao.class);
            List<ApprovalRequest> overdue = requests.lockOverdue(now, BATCH_SIZE);
            for (ApprovalRequest request : overdue) {
                requests.expire(request.approvalId(), now);
                outbox.publish(handle, request.expired(now), EventIds.derive(request.approvalId(), "expired"), request.trace());
                log.info("approval expired approvalId={} incidentId={} expiresAt={} playbook={}", request.approvalId(), request.incidentId(),
                        request.expiresAt(), request.playbookId());
            }
            return overdue.size();
        });
    }
}
