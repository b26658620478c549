package io.sentinel.policy.brake;

import io.sentinel.events.approval.Role;
import io.sentinel.policy.rules.PolicyDecision;
import io.sentinel.policy.rules.Proposal;

/**
 * Puts the brakes on what a rule would let run alone: such an action needs approval instead when the
 * global brake is engaged, when it declares a larger blast radius than the rule allows (or none at
 * all, where the rule sets a limit), or when too many actions ran alone on its target or in the whole
 * system within the window. The approval request names the brake ({@code brake:global},
 * {@code brake:blast-radius}, {@code brake:target-rate}, {@code brake:system-rate}) and the rule it
 * overrode. Approvals and denials pass unchanged: they already stop the action. Pure.
 */
public final class Brakes {

    public static final String GLOBAL = "brake:global";
    public static final String BLAST_RADIUS = "brake:blast-radius";
    public static final String TARGET_RATE = "brake:target-rate";
    public static final String SYSTEM_RATE = "brake:system-rate";

    private final BrakeProperties limits;

    public Brakes(BrakeProperties limits) {
        this.limits = limits;
    }

    public PolicyDecision apply(PolicyDecision decision, Proposal proposal, BrakeReadings readings) {
        if (!(decision instanceof PolicyDecision.Auto auto)) {
            return decision;
        }
        if (readings.globalEngaged()) {
            return approval(GLOBAL, auto);
        }
        if (auto.maxBlastRadius() != null && (proposal.blastRadius() == null || proposal.blastRadius() > auto.maxBlastRadius())) {
            return approval(BLAST_RADIUS, auto);
        }
        if (readings.autoForTarget() >= limits.maxAutoPerTarget()) {
            return approval(TARGET_RATE, auto);
        }
        if (readings.autoInSystem() >= limits.maxAutoInSystem()) {
            return approval(SYSTEM_RATE, auto);
        }
        return decision;
    }

    /** Why a brake asked for approval, for the log. */
    public String explain(PolicyDecision braked, Proposal proposal, BrakeReadings readings) {
        return switch (braked.rule()) {
            case GLOBAL -> "the global brake is engaged: every action needs approval until an admin releases it";
            case BLAST_RADIUS -> "the action declares a blast radius of " + (proposal.blastRadius() == null ? "nothing (undeclared)"
                    : proposal.blastRadius()) + ", more than the rule lets run alone";
            case TARGET_RATE -> readings.autoForTarget() + " automatic actions on this target within " + limits.window()
                    + " (at most " + limits.maxAutoPerTarget() + ")";
            case SYSTEM_RATE -> readings.autoInSystem() + " automatic actions in the system within " + limits.window() + " (at most "
                    + limits.maxAutoInSystem() + ")";
            default -> "no brake";
        };
    }

    private PolicyDecision approval(String brake, PolicyDecision.Auto overridden) {
        Role role = limits.role();
        return new PolicyDecision.RequireApproval(brake, role, 1, overridden.rule());
    }
}
