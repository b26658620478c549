package io.sentinel.policy.rules;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import java.util.List;

/** Applies the policy to a proposal: first matching rule wins, no match denies. Pure. */
public final class PolicyEngine {

    /** The rule named on decisions no configured rule made. */
    public static final String NO_MATCHING_RULE = "default-deny";
    /** Named on approvals that a rule would have let run alone, but about a target the inventory does not list. */
    public static final String UNLISTED_TARGET = "unlisted-target";

    private final List<PolicyRule> rules;

    public PolicyEngine(List<PolicyRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Decides a proposal about a target the inventory does not list (or none at all): it is judged as
     * in the most sensitive environment, and never runs without a person, whatever the rules say: an
     * unlisted resource is one whose name and environment a signal's sender chose.
     */
    public PolicyDecision decideUnlisted(String playbook, Risk risk, String mostSensitiveEnvironment) {
        PolicyDecision decision = decide(playbook, risk, mostSensitiveEnvironment);
        if (decision instanceof PolicyDecision.Auto auto) {
            return new PolicyDecision.RequireApproval(UNLISTED_TARGET + " (instead of " + auto.rule() + ")", Role.OPERATOR);
        }
        return decision;
    }

    public PolicyDecision decide(String playbook, Risk risk, String environment) {
        for (PolicyRule rule : rules) {
            if (rule.matches(playbook, risk, environment)) {
                return switch (rule.decision()) {
                    case AUTO -> new PolicyDecision.Auto(rule.name());
                    case APPROVE -> new PolicyDecision.RequireApproval(rule.name(), rule.role());
                    case DENY -> new PolicyDecision.Deny(rule.name(), "policy rule '" + rule.name() + "' forbids running '" + playbook
                            + "' at risk " + risk + " in environment '" + environment + "'");
                };
            }
        }
        return new PolicyDecision.Deny(NO_MATCHING_RULE, "no policy rule matches");
    }
}
