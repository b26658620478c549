package io.sentinel.policy.approval.db;

import io.sentinel.events.EventIds;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires approval requests nobody decided in time, at their deadline. The deadlines are the stored
 * requests' {@code expires_at}: at start the instance schedules the earliest one, whenever it stores a
 * request with an earlier deadline it moves the wake-up forward, and after every round it schedules the
 * next; so an expiry is announced on time across restarts, and a request stored by a replica that is
 * gone is still expired by the periodic round ({@code expiry-check-interval}). The status change and
 * the ApprovalExpired event commit together (through the outbox); the event id is derived from the
 * approval, so a replica expiring the same request (or a retry after a crash) publishes the same event,
 * which consumers drop as a duplicate.
 */
@Component
public class ApprovalExpiry {

    private static final Logger log = LoggerFactory.getLogger(ApprovalExpiry.class);
    private static final int BATCH_SIZE = 100;
    private static final Duration LOCKED_ELSEWHERE_RETRY = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> wakeUp;
    private Instant wakeUpAt;

    public ApprovalExpiry(Jdbi jdbi, EventOutbox outbox, Clock clock, TaskScheduler scheduler) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** What the deadlines of requests stored before this start call for: overdue ones expire now, the next is scheduled. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeFromStore() {
        expireOverdue();
    }

    /** A request with this deadline was stored: wake up then, unless already waking up earlier. */
    public synchronized void deadlineStored(Instant deadline) {
        if (wakeUpAt == null || deadline.isBefore(wakeUpAt)) {
            schedule(deadline);
        }
    }

    /** Expires every overdue request, then schedules the next deadline; also the periodic round. */
    @Scheduled(initialDelayString = "${sentinel.policy.approval.expiry-check-interval:1m}",
            fixedDelayString = "${sentinel.policy.approval.expiry-check-interval:1m}")
    public void expireOverdue() {
        int expired;
        do {
            expired = expireBatch(clock.instant());
        } while (expired == BATCH_SIZE);
        Optional<Instant> next = jdbi.withExtension(ApprovalRequestDao.class, ApprovalRequestDao::nextDeadline);
        Instant now = clock.instant();
        synchronized (this) {
            wakeUpAt = null;
            // Still overdue: another replica is expiring it right now; look again in a moment rather than spin.
            next.ifPresent(deadline -> schedule(deadline.isAfter(now) ? deadline : now.plus(LOCKED_ELSEWHERE_RETRY)));
        }
    }

    private void schedule(Instant deadline) {
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAt = deadline;
        wakeUp = scheduler.schedule(this::expireSafely, deadline);
    }

    private void expireSafely() {
        try {
            expireOverdue();
        } catch (RuntimeException e) {
            // The periodic round tries again; a database outage must not end the deadlines for good.
            log.warn("expiring approvals failed, the periodic round retries: {}", e.getMessage());
        }
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
