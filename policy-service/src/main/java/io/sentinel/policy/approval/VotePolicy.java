package io.sentinel.policy.approval;

import io.sentinel.events.approval.ApprovalVoteCast;
import java.time.Instant;

/**
 * Whether a vote counts. The gateway checks roles before it publishes a vote; this checks again,
 * because a vote that runs a remediation in production deserves more than one line of defence. Pure.
 */
public final class VotePolicy {

    private VotePolicy() {
    }

    public static VoteOutcome judge(ApprovalRequest request, ApprovalVoteCast vote, Instant now) {
        if (!request.incidentId().equals(vote.incidentId())) {
            return new VoteOutcome.Ignore("the vote names incident " + vote.incidentId() + " but the approval belongs to incident "
                    + request.incidentId());
        }
        if (request.status() != ApprovalStatus.PENDING) {
            return new VoteOutcome.Ignore("the approval is already " + request.status());
        }
        if (!now.isBefore(request.expiresAt())) {
            return new VoteOutcome.Ignore("the approval expired at " + request.expiresAt() + "; a late vote runs nothing");
        }
        if (vote.voterRoles().stream().noneMatch(role -> role.includes(request.requiredRole()))) {
            return new VoteOutcome.Refuse("voter '" + vote.voter() + "' has roles " + vote.voterRoles() + ", none of which includes "
                    + request.requiredRole());
        }
        return switch (vote.vote()) {
            case APPROVE -> new VoteOutcome.Approve();
            case REJECT -> new VoteOutcome.Reject();
        };
    }
}
