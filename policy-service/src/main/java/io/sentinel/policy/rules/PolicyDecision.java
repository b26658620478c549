package io.sentinel.policy.rules;

import io.sentinel.events.approval.Role;

/** What the policy says about one proposal, and which rule (or brake) said it. */
public sealed interface PolicyDecision {

    String rule();

    /**
     * Run it now.
     *
     * @param maxBlastRadius the rule's limit on what the proposal may declare it affects; null: no limit
     */
    record Auto(String rule, Integer maxBlastRadius) implements PolicyDecision {

        public Auto(String rule) {
            this(rule, null);
        }
    }

    /**
     * Run it once {@code approvals} distinct people with {@code role} or higher approve.
     *
     * @param overriddenRule when a brake (or an unlisted target) asked instead of the rule: the rule that would have let it run
     */
    record RequireApproval(String rule, Role role, int approvals, String overriddenRule) implements PolicyDecision {

        public RequireApproval {
            if (approvals < 1) {
                throw new IllegalArgumentException("an approval needs at least one approver, was " + approvals);
            }
        }

        public RequireApproval(String rule, Role role) {
            this(rule, role, 1, null);
        }
    }

    /** Never run it. */
    record Deny(String rule, String reason) implements PolicyDecision {
    }
}
