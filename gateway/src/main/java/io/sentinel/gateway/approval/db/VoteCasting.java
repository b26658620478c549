package io.sentinel.gateway.approval.db;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Vote;
import io.sentinel.gateway.approval.ApprovalForVote;
import io.sentinel.gateway.approval.CastOutcome;
import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Casts a person's approve/reject: checks it against the approval as the read model has it
 * ({@link ApprovalForVote#refusal}) and publishes it as an {@link ApprovalVoteCast} for the policy
 * service, which counts it, with its audit entry in the same transaction. Each person votes once on
 * an approval: the vote is recorded in {@code approval_vote}, whose key refuses a second one, and a
 * refused vote publishes nothing.
 * A person is their name, whichever channel they vote through (an API key's name, a signed-in
 * person's username, the person an admin mapped a Slack user to): that is what the vote carries and
 * the policy service counts, so nobody votes twice by using two channels. This is the one path every
 * channel's vote takes. The approval's state is left alone: it changes when the policy service decides.
 */
@Component
public class VoteCasting {

    private static final Logger log = LoggerFactory.getLogger(VoteCasting.class);

    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public VoteCasting(Jdbi jdbi, EventOutbox outbox, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public CastOutcome cast(String approvalId, Vote vote, String comment, Caller voter) {
        CastOutcome outcome = jdbi.inTransaction(handle -> {
            Optional<ApprovalForVote> found = handle.attach(ApprovalDao.class).lockForVote(approvalId);
            if (found.isEmpty()) {
                return new CastOutcome.UnknownApproval(approvalId);
            }
            ApprovalForVote approval = found.get();
            Instant now = clock.instant();
            Optional<CastOutcome> refusal = approval.refusal(now, voter);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            // Each vote is a distinct human act, never a replay of another, so it gets a fresh id.
            String eventId = EventIds.random();
            ApprovalVoteDao votes = handle.attach(ApprovalVoteDao.class);
            if (!votes.record(approvalId, voter.name(), vote, now, eventId)) {
                return new CastOutcome.AlreadyVoted(approvalId, voter.name(), votes.find(approvalId, voter.name()).orElse(vote));
            }
            EventEnvelope<ApprovalVoteCast> published = outbox.publish(handle, approval.voteBy(voter, vote, comment, now), eventId,
                    approval.voteTrace());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("incidentId", approval.incidentId());
            detail.put("vote", vote);
            detail.put("eventId", published.id());
            detail.put("via", voter.channel().label());
            if (comment != null) {
                detail.put("comment", comment);
            }
            audit.record(handle, voter.name(), voter.role(), "approval.vote", approvalId, detail);
            return new CastOutcome.Cast(approvalId, approval.incidentId(), vote, voter.name(), published.id(), approval.approvalsNeeded());
        });
        log.info("approval vote approvalId={} vote={} voter={} outcome={}", approvalId, vote, voter.name(),
                outcome.getClass().getSimpleName());
        return outcome;
    }
}
