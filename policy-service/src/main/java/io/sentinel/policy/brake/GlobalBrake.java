package io.sentinel.policy.brake;

import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.approval.Role;

/**
 * When the global brake engages and who may release it. It engages once {@code failures-to-engage}
 * executions failed their verification or were rolled back within the window (failures before the
 * last release do not count again); it stays engaged until a person with ADMIN releases it, whatever
 * the gateway let through, and a release is about the engagement before it: a release that predates
 * the engagement (sent before the brake engaged again) releases nothing. Pure.
 */
public final class GlobalBrake {

    private final BrakeProperties limits;

    public GlobalBrake(BrakeProperties limits) {
        this.limits = limits;
    }

    /** What a failure does. */
    public sealed interface FailureVerdict {
    }

    /** The failure tips it over: engage, saying why. */
    public record Engage(String reason) implements FailureVerdict {
    }

    /** Already engaged, or not enough failures yet. */
    public record StayAsIs(String reason) implements FailureVerdict {
    }

    /** @param failuresInWindow the failures that count, this one included */
    public FailureVerdict onFailure(GlobalBrakeState state, int failuresInWindow) {
        if (state.engaged()) {
            return new StayAsIs("already engaged since " + state.engagedAt());
        }
        if (failuresInWindow < limits.failuresToEngage()) {
            return new StayAsIs(failuresInWindow + " of " + limits.failuresToEngage() + " failures within " + limits.window());
        }
        return new Engage(failuresInWindow + " failed verifications or rollbacks within " + limits.window() + " (engages at "
                + limits.failuresToEngage() + ")");
    }

    /** What a release does. */
    public sealed interface ReleaseVerdict {
    }

    /** The brake is released. */
    public record Release() implements ReleaseVerdict {
    }

    /** Harmless and changes nothing: nothing to release, or a release of an earlier engagement. */
    public record Ignore(String reason) implements ReleaseVerdict {
    }

    /** The releaser may not release it: the gateway let through someone it should not have. */
    public record Refuse(String reason) implements ReleaseVerdict {
    }

    /** @param seenBefore a release with this id was handled before (the same release, delivered again) */
    public ReleaseVerdict onRelease(GlobalBrakeState state, BrakeReleased release, boolean seenBefore) {
        if (release.releaserRoles().stream().noneMatch(role -> role.includes(Role.ADMIN))) {
            return new Refuse("'" + release.releasedBy() + "' has roles " + release.releaserRoles() + "; releasing the brake needs ADMIN");
        }
        if (seenBefore) {
            return new Ignore("release " + release.releaseId() + " was handled before");
        }
        if (!state.engaged()) {
            return new Ignore("the brake is not engaged");
        }
        if (state.engagedAt() != null && release.releasedAt().isBefore(state.engagedAt())) {
            return new Ignore("the release (" + release.releasedAt() + ") predates the brake's engagement at " + state.engagedAt());
        }
        return new Release();
    }
}
