package io.sentinel.policy.approval;

import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.DecisionEvent;

/** What a vote does to an approval request, and what deciding it would publish. */
public sealed interface VoteVerdict {

    /** The vote decides the request, if nothing else decided it first: the request becomes {@link #status()}, and {@link #decision()} is published. */
    sealed interface Decides extends VoteVerdict {

        ApprovalStatus status();

        DecisionEvent decision();

        /** Who decided: the rejecter, or every approver. */
        String decidedBy();
    }

    /** The vote completes the approvals the request needs: the action is approved. */
    record Approve(ActionAuthorized decision) implements Decides {

        @Override
        public ApprovalStatus status() {
            return ApprovalStatus.APPROVED;
        }

        @Override
        public String decidedBy() {
            return decision.approvedBy();
        }
    }

    /** The vote rejects the action; one rejection by someone allowed to decide is enough. */
    record Reject(ActionRejected decision) implements Decides {

        @Override
        public ApprovalStatus status() {
            return ApprovalStatus.REJECTED;
        }

        @Override
        public String decidedBy() {
            return decision.rejectedBy();
        }
    }

    /** The vote is an approval that counts, but more are needed: {@code approvals} of {@code required} so far. */
    record Counted(int approvals, int required) implements VoteVerdict {
    }

    /** The vote comes too late, twice, or is about something else; harmless, so logged and dropped. */
    record Ignore(String reason) implements VoteVerdict {
    }

    /** The voter may not decide this request: the gateway let through someone it should not have. */
    record Refuse(String reason) implements VoteVerdict {
    }
}
