package io.sentinel.policy.approval;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Settles approval requests by vote: the first vote that counts decides, every later one is ignored. */
public final class ApprovalVoting {

    private static final Logger log = LoggerFactory.getLogger(ApprovalVoting.class);

    private final Clock clock;
    private final Counter refused;

    public ApprovalVoting(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.refused = Counter.builder("sentinel.policy.votes.refused")
                .description("Votes from people whose roles do not allow them to decide the approval they voted on")
                .register(meters);
    }

    public void onVote(ApprovalVoteCast vote, EventContext context) {
        ApprovalRequestDao requests = context.attach(ApprovalRequestDao.class);
        ApprovalRequest request = requests.find(vote.approvalId()).orElse(null);
        if (request == null) {
            log.info("ignoring vote approvalId={} incidentId={} voter={} reason=\"no such approval request\"",
                    vote.approvalId(), vote.incidentId(), vote.voter());
            return;
        }
        Instant now = clock.instant();
        switch (VotePolicy.judge(request, vote, now)) {
            case VoteOutcome.Ignore ignore -> log.info("ignoring vote approvalId={} incidentId={} voter={} vote={} reason=\"{}\"",
                    vote.approvalId(), request.incidentId(), vote.voter(), vote.vote(), ignore.reason());
            case VoteOutcome.Refuse refuse -> {
                refused.increment();
                log.warn("refusing vote approvalId={} incidentId={} voter={} vote={} voterRoles={} requiredRole={} reason=\"{}\"",
                        vote.approvalId(), request.incidentId(), vote.voter(), vote.vote(), vote.voterRoles(), request.requiredRole(),
                        refuse.reason());
            }
            case VoteOutcome.Approve approve -> {
                if (settle(requests, request, ApprovalStatus.APPROVED, vote, now)) {
                    context.publish(new ActionAuthorized(request.incidentId(), context.cause().id(), request.action(), request.risk(),
                            ApprovalMode.HUMAN, vote.voter(), request.approvalId(), request.policyRule(), request.resource(),
                            request.environment(), request.labels(), request.target()), request.trace());
                }
            }
            case VoteOutcome.Reject reject -> {
                if (settle(requests, request, ApprovalStatus.REJECTED, vote, now)) {
                    context.publish(new ActionRejected(request.incidentId(), context.cause().id(), request.approvalId(), vote.voter(),
                            vote.comment()), request.trace());
                }
            }
        }
    }

    private static boolean settle(ApprovalRequestDao requests, ApprovalRequest request, ApprovalStatus status, ApprovalVoteCast vote,
                                  Instant now) {
        if (requests.decide(request.approvalId(), status, vote.voter(), now) == 0) {
            log.info("ignoring vote approvalId={} incidentId={} voter={} reason=\"another vote or the expiry settled the request first\"",
                    request.approvalId(), request.incidentId(), vote.voter());
            return false;
        }
        log.info("approval settled approvalId={} incidentId={} status={} by={}", request.approvalId(), request.incidentId(), status,
                vote.voter());
        return true;
    }
}
