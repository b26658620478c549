package io.sentinel.policy.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The policy, in order: the first rule that matches a proposal decides it. A proposal no rule
 * matches is denied, so a gap in the policy can only ever stop an action, never let one through.
 */
@ConfigurationProperties(PolicyProperties.PREFIX)
public record PolicyProperties(List<PolicyRule> rules) {

    static final String PREFIX = "sentinel.policy";

    public PolicyProperties {
        rules = rules == null ? List.of() : List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (PolicyRule rule : rules) {
            if (!names.add(rule.name())) {
                // Decisions name the rule that made them; two rules with one name would make the audit trail ambiguous.
                throw new IllegalArgumentException(PREFIX + ".rules has two rules named '" + rule.name() + "'");
            }
        }
    }
}
