package io.sentinel.policy.approval;

/** What a vote does to an approval request. */
public sealed interface VoteOutcome {

    /** The vote approves the action. */
    record Approve() implements VoteOutcome {
    }

    /** The vote rejects the action. */
    record Reject() implements VoteOutcome {
    }

    /** The vote comes too late or is about something else; harmless, so logged and dropped. */
    record Ignore(String reason) implements VoteOutcome {
    }

    /** The voter may not decide this request: the gateway let through someone it should not have. */
    record Refuse(String reason) implements VoteOutcome {
    }
}
