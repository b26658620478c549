package io.sentinel.policy.policy;

import io.sentinel.events.analysis.Risk;
import java.util.List;

/** Applies the policy to a proposal: first matching rule wins, no match denies. Pure. */
public final class PolicyEngine {

    /** The rule named on decisions no configured rule made. */
    public static final String NO_MATCHING_RULE = "default-deny";

    private final List<PolicyRule> rules;

    public PolicyEngine(List<PolicyRule> rules) {
        this.rules = List.copyOf(rules);
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
