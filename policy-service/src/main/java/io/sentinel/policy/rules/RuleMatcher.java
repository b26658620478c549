package io.sentinel.policy.rules;

import io.sentinel.events.approval.Role;
import io.sentinel.events.settings.policy.PolicyRuleSetting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies the policy to a proposal: the first rule that matches decides, and a proposal no rule
 * matches is denied, so a gap in the policy can only ever stop an action. Pure.
 * <p>
 * A rule that asks about the incident (severity, detector rule, observation) while the policy service
 * has not yet seen the incident <em>may</em> match. Then the strictest of the rules that may match
 * before the first that surely does decides (deny over approve over auto; for approvals the highest
 * role and the most approvers), named with " (incident unknown)": not knowing never makes a decision
 * more lenient than knowing could have.
 */
public final class RuleMatcher {

    /** The rule named on decisions no rule made. */
    public static final String NO_MATCHING_RULE = "default-deny";
    /** Named on approvals that a rule would have let run alone, but about a target the inventory does not list. */
    public static final String UNLISTED_TARGET = "unlisted-target";
    static final String INCIDENT_UNKNOWN = " (incident unknown)";

    private final List<CompiledRule> rules;

    public RuleMatcher(List<PolicyRuleSetting> rules) {
        this.rules = rules.stream().map(CompiledRule::new).toList();
    }

    public List<PolicyRuleSetting> rules() {
        return rules.stream().map(CompiledRule::setting).toList();
    }

    /**
     * Decides a proposal about a target the inventory does not list (or none at all): it is judged as
     * in the most sensitive environment (the proposal says so), and never runs without a person, whatever
     * the rules say: an unlisted resource is one whose name and environment a signal's sender chose.
     */
    public PolicyDecision decideUnlisted(Proposal proposal, Instant now) {
        PolicyDecision decision = decide(proposal, now);
        if (decision instanceof PolicyDecision.Auto auto) {
            return new PolicyDecision.RequireApproval(UNLISTED_TARGET + " (instead of " + auto.rule() + ")", Role.OPERATOR, 1, auto.rule());
        }
        return decision;
    }

    /**
     * Whether knowing the incident could change the decision: a rule that asks about it may match
     * before the first rule that surely matches (always false once the incident is known).
     */
    public boolean dependsOnTheIncident(Proposal proposal, Instant now) {
        for (CompiledRule rule : rules) {
            switch (rule.match(proposal, now)) {
                case NO -> { }
                case MAYBE -> {
                    return true;
                }
                case YES -> {
                    return false;
                }
            }
        }
        return false;
    }

    public PolicyDecision decide(Proposal proposal, Instant now) {
        List<CompiledRule> maybe = new ArrayList<>();
        for (CompiledRule rule : rules) {
            switch (rule.match(proposal, now)) {
                case NO -> { }
                case MAYBE -> maybe.add(rule);
                case YES -> {
                    return strictest(rule, maybe, proposal);
                }
            }
        }
        return new PolicyDecision.Deny(NO_MATCHING_RULE, maybe.isEmpty() ? "no policy rule matches"
                : "no policy rule surely matches, and the incident is unknown yet");
    }

    private static PolicyDecision strictest(CompiledRule matched, List<CompiledRule> maybe, Proposal proposal) {
        PolicyDecision decided = decision(matched, matched.name(), proposal);
        for (CompiledRule candidate : maybe) {
            PolicyDecision possible = decision(candidate, candidate.name() + INCIDENT_UNKNOWN, proposal);
            decided = stricter(decided, possible);
        }
        return decided;
    }

    /** The stricter of two decisions; two approvals combine into the higher role and the larger count. */
    private static PolicyDecision stricter(PolicyDecision current, PolicyDecision other) {
        if (current instanceof PolicyDecision.Deny) {
            return current;
        }
        if (other instanceof PolicyDecision.Deny) {
            return other;
        }
        if (current instanceof PolicyDecision.Auto) {
            return other instanceof PolicyDecision.RequireApproval ? other : current;
        }
        if (other instanceof PolicyDecision.RequireApproval b && current instanceof PolicyDecision.RequireApproval a) {
            Comparator<PolicyDecision.RequireApproval> byStrictness = Comparator.<PolicyDecision.RequireApproval, Role>comparing(
                    PolicyDecision.RequireApproval::role).thenComparingInt(PolicyDecision.RequireApproval::approvals);
            PolicyDecision.RequireApproval named = byStrictness.compare(b, a) > 0 ? b : a;
            Role role = a.role().includes(b.role()) ? a.role() : b.role();
            return new PolicyDecision.RequireApproval(named.rule(), role, Math.max(a.approvals(), b.approvals()), null);
        }
        return current;
    }

    private static PolicyDecision decision(CompiledRule rule, String name, Proposal proposal) {
        PolicyRuleSetting setting = rule.setting();
        return switch (setting.decision()) {
            case AUTO -> new PolicyDecision.Auto(name, setting.maxBlastRadius());
            case APPROVE -> new PolicyDecision.RequireApproval(name, setting.role(), setting.approvals(), null);
            case DENY -> new PolicyDecision.Deny(name, setting.reason() != null ? setting.reason()
                    : "policy rule '" + setting.name() + "' forbids running '" + proposal.playbook() + "' at risk " + proposal.risk()
                    + " in environment '" + proposal.environment() + "'");
        };
    }
}
