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
    }

    /** The vote approves the action. */
    record Approve(ActionAuthorized decision) implements Decides {

        @Override
        public ApprovalStatus status() {
            return ApprovalStatus.APPROVED;
        }
    }

    /** The vote rejects the action. */
    record Reject(ActionRejected decision) implements Decides {

        @Override
        public ApprovalStatus status() {
            return ApprovalStatus.REJECTED;
        }
    }

    /** The vote comes too late or is about something else; harmless, so logged and dropped. */
    record Ignore(String reason) implements VoteVerdict {
    }

    /** The voter may not decide this request: the gateway let through someone it should not have. */
    record Refuse(String reason) implements VoteVerdict {
    }
}
