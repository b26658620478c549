package io.sentinel.gateway.approval;

import io.sentinel.events.TraceParent;
import io.sentinel.events.approval.Role;
import java.time.Instant;
import java.util.Optional;

/**
 * What a vote needs to know about the approval it is cast on.
 *
 * @param requestedEventId the ApprovalRequested event's id: the vote's causation id
 * @param traceParent      the ApprovalRequested event's trace context, which the vote continues
 */
public record ApprovalForVote(String approvalId, String incidentId, ApprovalState state, Role requiredRole, Instant expiresAt,
                              String requestedEventId, String traceParent) {

    /** Why a vote by someone holding {@code role} cannot be taken at {@code now}, if it cannot. Pure. */
    public Optional<VoteOutcome> refusal(Instant now, Role role) {
        if (state != ApprovalState.PENDING) {
            return Optional.of(new VoteOutcome.NotPending(approvalId, state));
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.of(new VoteOutcome.Expired(approvalId, expiresAt));
        }
        if (!role.includes(requiredRole)) {
            return Optional.of(new VoteOutcome.RoleTooLow(approvalId, requiredRole, role));
        }
        return Optional.empty();
    }

    /** A new span in the trace of the request being voted on, so the vote shows up in the incident's trace. */
    public TraceParent voteTrace() {
        return TraceParent.parse(traceParent).orElseGet(TraceParent::root).child();
    }
}
