package io.sentinel.gateway.approval;

import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import java.time.Instant;

/** What became of a person's attempt to cast a vote. Only {@link Cast} published anything. */
public sealed interface CastOutcome {

    /**
     * The vote is on its way to the policy service, which makes it a decision if it agrees.
     *
     * @param approvalsNeeded how many distinct people must approve in all (one, unless the rule asks for more)
     */
    record Cast(String approvalId, String incidentId, Vote vote, String voter, String eventId, int approvalsNeeded) implements CastOutcome {
    }

    record UnknownApproval(String approvalId) implements CastOutcome {
    }

    /** Already decided (or expired by the policy service): there is nothing left to vote on. */
    record NotPending(String approvalId, ApprovalState state) implements CastOutcome {
    }

    /** Still pending in the read model, but past its deadline: the policy service would ignore the vote. */
    record Expired(String approvalId, Instant expiresAt) implements CastOutcome {
    }

    /** This person voted on this approval already (approve or reject); a vote is neither repeated nor changed. */
    record AlreadyVoted(String approvalId, String voter, Vote previous) implements CastOutcome {
    }

    /** The voter asked for this run themselves; the policy service counts only other people's votes on it. */
    record OwnRequest(String approvalId, String voter) implements CastOutcome {
    }

    /** The policy service re-checks the role and would ignore the vote; saying so now spares the voter the wait. */
    record RoleTooLow(String approvalId, Role required, Role actual) implements CastOutcome {
    }
}
