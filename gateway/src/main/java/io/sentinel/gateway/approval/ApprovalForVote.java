package io.sentinel.gateway.approval;

import io.sentinel.events.TraceParent;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.gateway.auth.Caller;
import java.time.Instant;
import java.util.Optional;

/**
 * What a vote needs to know about the approval it is cast on.
 *
 * @param requestedEventId the ApprovalRequested event's id: the vote's causation id
 * @param traceParent      the ApprovalRequested event's trace context, which the vote continues
 * @param requestedBy      who asked for a manual run, if a person did: the policy service never counts their vote on it
 * @param requiredApprovals how many distinct people must approve; null for a request from before N-of-M approvals (one)
 */
public record ApprovalForVote(String approvalId, String incidentId, ApprovalState state, Role requiredRole, Instant expiresAt,
                              String requestedEventId, String traceParent, String requestedBy, Integer requiredApprovals) {

    /** How many distinct people must approve: one unless the request said more. */
    public int approvalsNeeded() {
        return requiredApprovals == null ? 1 : requiredApprovals;
    }

    /** Why a vote by {@code voter} cannot be taken at {@code now}, if it cannot. Pure. */
    public Optional<CastOutcome> refusal(Instant now, Caller voter) {
        Role role = voter.role();
        if (state != ApprovalState.PENDING) {
            return Optional.of(new CastOutcome.NotPending(approvalId, state));
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.of(new CastOutcome.Expired(approvalId, expiresAt));
        }
        if (!role.includes(requiredRole)) {
            return Optional.of(new CastOutcome.RoleTooLow(approvalId, requiredRole, role));
        }
        if (voter.name().equals(requestedBy)) {
            return Optional.of(new CastOutcome.OwnRequest(approvalId, voter.name()));
        }
        return Optional.empty();
    }

    /**
     * The vote a person casts on this approval: caused by its ApprovalRequested event, carrying every
     * role the voter holds, so that the policy service can check them again.
     */
    public ApprovalVoteCast voteBy(Caller voter, Vote vote, String comment, Instant at) {
        return new ApprovalVoteCast(incidentId, requestedEventId, approvalId, voter.name(), voter.grantedRoles(), vote, comment, at);
    }

    /** A new span in the trace of the request being voted on, so the vote shows up in the incident's trace. */
    public TraceParent voteTrace() {
        return TraceParent.parse(traceParent).orElseGet(TraceParent::root).child();
    }
}
