package io.sentinel.policy.brake;

import io.sentinel.events.approval.Role;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The brakes on automatic actions: what may run alone however permissive the rules are.
 *
 * @param window            what "per hour" means for every brake below (default 1h)
 * @param maxAutoPerTarget  automatic actions on one target within the window; the next one needs approval (default 3)
 * @param maxAutoInSystem   automatic actions on all targets together within the window (default 20)
 * @param failuresToEngage  failed verifications or rollbacks (one per execution) within the window that engage the
 *                          global brake: from then on every action needs approval until an admin releases it (default 3)
 * @param role              who may approve what a brake stopped (default operator)
 */
@ConfigurationProperties(BrakeProperties.PREFIX)
public record BrakeProperties(@DefaultValue("1h") Duration window, @DefaultValue("3") int maxAutoPerTarget,
                              @DefaultValue("20") int maxAutoInSystem, @DefaultValue("3") int failuresToEngage,
                              @DefaultValue("operator") Role role) {

    static final String PREFIX = "sentinel.policy.brakes";

    public BrakeProperties {
        if (window == null || !window.isPositive()) {
            throw new IllegalArgumentException(PREFIX + ".window must be a positive duration such as 1h, was " + window);
        }
        requireAtLeastOne(maxAutoPerTarget, "max-auto-per-target");
        requireAtLeastOne(maxAutoInSystem, "max-auto-in-system");
        requireAtLeastOne(failuresToEngage, "failures-to-engage");
        if (role == null || role == Role.VIEWER) {
            throw new IllegalArgumentException(PREFIX + ".role must be operator or admin: viewers may not approve anything, was " + role);
        }
    }

    private static void requireAtLeastOne(int value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + "." + property + " must be at least 1, was " + value
                    + " (to have every action approved, write a policy rule that says so)");
        }
    }
}
