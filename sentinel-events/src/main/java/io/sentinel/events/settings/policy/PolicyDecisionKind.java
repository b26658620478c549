package io.sentinel.events.settings.policy;

/** What a policy rule decides about the proposals it matches. */
public enum PolicyDecisionKind {
    /** Run without asking anyone (the brakes may still ask someone). */
    AUTO,
    /** Run once {@code approvals} distinct people with the rule's role (or higher) approve. */
    APPROVE,
    /** Never run; nobody can approve it. */
    DENY
}
