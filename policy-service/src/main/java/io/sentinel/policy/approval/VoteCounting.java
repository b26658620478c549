package io.sentinel.policy.approval;

import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalMode;
import java.time.Instant;

/**
 * Counts a vote on an approval request: whether it counts at all, and if it does, the decision it
 * makes. The first vote that counts decides; every later one finds the request decided. The gateway
 * checks roles before it publishes a vote; this checks again, because a vote that runs a remediation
 * in production deserves more than one line of defence. Pure.
 */
public final class VoteCounting {

    private VoteCounting() {
    }

    /**
     * @param voteEventId the id of the event that carried the vote: what the decision is caused by
     * @param now         when the vote is counted; a request is decided only before it expires
     */
    public static VoteVerdict count(ApprovalRequest request, ApprovalVoteCast vote, String voteEventId, Instant now) {
        if (!request.incidentId().equals(vote.incidentId())) {
            return new VoteVerdict.Ignore("the vote names incident " + vote.incidentId() + " but the approval belongs to incident "
                    + request.incidentId());
        }
        if (request.status() != ApprovalStatus.PENDING) {
            return new VoteVerdict.Ignore("the approval is already " + request.status());
        }
        if (!now.isBefore(request.expiresAt())) {
            return new VoteVerdict.Ignore("the approval expired at " + request.expiresAt() + "; a late vote runs nothing");
        }
        if (vote.voterRoles().stream().noneMatch(role -> role.includes(request.requiredRole()))) {
            return new VoteVerdict.Refuse("voter '" + vote.voter() + "' has roles " + vote.voterRoles() + ", none of which includes "
                    + request.requiredRole());
        }
        return switch (vote.vote()) {
            case APPROVE -> new VoteVerdict.Approve(new ActionAuthorized(request.incidentId(), voteEventId, request.action(), request.risk(),
                    ApprovalMode.HUMAN, vote.voter(), request.approvalId(), request.policyRule(), request.resource(), request.environment(),
                    request.labels(), request.target()));
            case REJECT -> new VoteVerdict.Reject(new ActionRejected(request.incidentId(), voteEventId, request.approvalId(), vote.voter(),
                    vote.comment()));
        };
    }
}
