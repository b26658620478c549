package io.sentinel.policy.approval.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.VoteCounting;
import io.sentinel.policy.approval.VoteVerdict;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies {@link VoteCounting}'s verdict in the transaction the vote is handled in: counts the vote,
 * and when it decides, settles the request and publishes the decision, all or nothing. The request is
 * locked while its votes are read, and the conditional update is what makes exactly one vote decide,
 * even with votes handled at once.
 */
@Component
public class VoteSettlement {

    private static final Logger log = LoggerFactory.getLogger(VoteSettlement.class);

    private final Clock clock;
    private final Counter refused;

    public VoteSettlement(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.refused = Counter.builder("sentinel.policy.votes.refused")
                .description("Votes from people who may not decide the approval they voted on (role too low, or they requested it)")
                .register(meters);
    }

    public void onVote(ApprovalVoteCast vote, EventContext context) {
        ApprovalRequestDao requests = context.attach(ApprovalRequestDao.class);
        Optional<ApprovalRequest> found = requests.lock(vote.approvalId());
        if (found.isEmpty()) {
            log.info("ignoring vote approvalId={} incidentId={} voter={} reason=\"no such approval request\"",
                    vote.approvalId(), vote.incidentId(), vote.voter());
            return;
        }
        ApprovalRequest request = found.get();
        ApprovalVoteDao votes = context.attach(ApprovalVoteDao.class);
        Instant now = clock.instant();
        switch (VoteCounting.count(request, votes.counted(request.approvalId()), vote, context.cause().id(), now)) {
            case VoteVerdict.Ignore ignore -> log.info("ignoring vote approvalId={} incidentId={} voter={} vote={} reason=\"{}\"",
                    vote.approvalId(), request.incidentId(), vote.voter(), vote.vote(), ignore.reason());
            case VoteVerdict.Refuse refuse -> {
                refused.increment();
                log.warn("refusing vote approvalId={} incidentId={} voter={} vote={} voterRoles={} requiredRole={} reason=\"{}\"",
                        vote.approvalId(), request.incidentId(), vote.voter(), vote.vote(), vote.voterRoles(), request.requiredRole(),
                        refuse.reason());
            }
            case VoteVerdict.Counted counted -> {
                votes.count(request.approvalId(), vote.voter(), vote.vote(), context.cause().id(), now);
                log.info("approval counted approvalId={} incidentId={} voter={} approvals={} of {}", request.approvalId(),
                        request.incidentId(), vote.voter(), counted.approvals(), counted.required());
            }
            case VoteVerdict.Decides decides -> {
                if (requests.decide(request.approvalId(), decides.status(), decides.decidedBy(), now) == 0) {
                    log.info("ignoring vote approvalId={} incidentId={} voter={} reason=\"another vote or the expiry settled the request first\"",
                            request.approvalId(), request.incidentId(), vote.voter());
                    return;
                }
                votes.count(request.approvalId(), vote.voter(), vote.vote(), context.cause().id(), now);
                context.publish(decides.decision(), request.trace());
                log.info("approval settled approvalId={} incidentId={} status={} by={}", request.approvalId(), request.incidentId(),
                        decides.status(), decides.decidedBy());
            }
        }
    }
}
