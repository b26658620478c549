package io.sentinel.policy.approval;

import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts a vote on an approval request: whether it counts at all, and if it does, what it does. A
 * request needs {@code requiredApprovals} distinct people with the required role (N of M); one
 * rejection by such a person rejects it. Each person counts once; the person who requested the action
 * (a manual run) cannot approve it. The gateway checks roles before it publishes a vote; this checks
 * again, because a vote that runs a remediation in production deserves more than one line of defence.
 * Pure.
 */
public final class VoteCounting {

    private VoteCounting() {
    }

    /**
     * @param earlier     the votes that counted on the request before this one
     * @param voteEventId the id of the event that carried the vote: what the decision is caused by
     * @param now         when the vote is counted; a request is decided only before it expires
     */
    public static VoteVerdict count(ApprovalRequest request, List<CountedVote> earlier, ApprovalVoteCast vote, String voteEventId,
                                    Instant now) {
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
        if (vote.vote() == Vote.APPROVE && vote.voter().equals(request.requestedBy())) {
            return new VoteVerdict.Refuse("voter '" + vote.voter() + "' requested the action and cannot approve it");
        }
        if (earlier.stream().anyMatch(counted -> counted.voter().equals(vote.voter()))) {
            return new VoteVerdict.Ignore("voter '" + vote.voter() + "' has voted on this approval before; each person counts once");
        }
        return switch (vote.vote()) {
            case REJECT -> new VoteVerdict.Reject(new ActionRejected(request.incidentId(), voteEventId, request.approvalId(), vote.voter(),
                    vote.comment(), request.policyRule()));
            case APPROVE -> approve(request, earlier, vote, voteEventId);
        };
    }

    private static VoteVerdict approve(ApprovalRequest request, List<CountedVote> earlier, ApprovalVoteCast vote, String voteEventId) {
        List<String> approvers = new ArrayList<>();
        earlier.stream().filter(counted -> counted.vote() == Vote.APPROVE).map(CountedVote::voter).forEach(approvers::add);
        approvers.add(vote.voter());
        if (approvers.size() < request.requiredApprovals()) {
            return new VoteVerdict.Counted(approvers.size(), request.requiredApprovals());
        }
        return new VoteVerdict.Approve(new ActionAuthorized(request.incidentId(), voteEventId, request.action(), request.risk(),
                ApprovalMode.HUMAN, String.join(", ", approvers), request.approvalId(), request.policyRule(), request.resource(),
                request.environment(), request.labels(), request.target(), approvers));
    }
}
