package io.sentinel.policy.rules;

import io.sentinel.events.approval.Role;

/** What the policy says about one proposal, and which rule said it. */
public sealed interface PolicyDecision {

    String rule();

    /** Run it now. */
    record Auto(String rule) implements PolicyDecision {
    }

    /** Run it once someone with {@code role} or higher approves. */
    record RequireApproval(String rule, Role role) implements PolicyDecision {
    }

    /** Never run it. */
    record Deny(String rule, String reason) implements PolicyDecision {
    }
}
