package io.sentinel.policy.brake;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.approval.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When the global brake engages and who may release it: table-driven, a fixed "now", no clock. */
class GlobalBrakeTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final GlobalBrake BRAKE = new GlobalBrake(new BrakeProperties(Duration.ofHours(1), 3, 20, 3, Role.OPERATOR));
    private static final GlobalBrakeState RELEASED = new GlobalBrakeState(false, null, null, null, null);
    private static final GlobalBrakeState ENGAGED = new GlobalBrakeState(true, T0, "3 failed", null, null);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("two failures within the hour", RELEASED, 2, GlobalBrake.StayAsIs.class),
                Arguments.of("the third engages it", RELEASED, 3, GlobalBrake.Engage.class),
                Arguments.of("more than enough engages it too", RELEASED, 7, GlobalBrake.Engage.class),
                Arguments.of("an engaged brake stays as it is", ENGAGED, 9, GlobalBrake.StayAsIs.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void engagesOnceEnoughExecutionsFailedWithinTheWindow(String scenario, GlobalBrakeState state, int failures, Class<?> expected) {
        assertThat(BRAKE.onFailure(state, failures)).isInstanceOf(expected);
    }

    @Test
    void saysWhyItEngaged() {
        assertThat(BRAKE.onFailure(RELEASED, 3)).isEqualTo(new GlobalBrake.Engage(
                "3 failed verifications or rollbacks within PT1H (engages at 3)"));
    }

    @Test
    void failuresBeforeTheLastReleaseDoNotCountAgain() {
        Instant windowStart = T0.minus(Duration.ofHours(1));
        var releasedTenMinutesAgo = new GlobalBrakeState(false, T0.minusSeconds(3600), "3 failed", T0.minusSeconds(600), "ada");

        assertThat(releasedTenMinutesAgo.countFailuresSince(windowStart)).isEqualTo(T0.minusSeconds(600));
        assertThat(new GlobalBrakeState(false, null, null, T0.minusSeconds(7200), "ada").countFailuresSince(windowStart))
                .as("a release before the window changes nothing").isEqualTo(windowStart);
        assertThat(RELEASED.countFailuresSince(windowStart)).isEqualTo(windowStart);
    }

    static Stream<Arguments> releases() {
        return Stream.of(
                Arguments.of("an admin releases the engaged brake", ENGAGED, release(Set.of(Role.ADMIN), T0.plusSeconds(60)), false,
                        new GlobalBrake.Release()),
                Arguments.of("an admin among other roles", ENGAGED, release(Set.of(Role.VIEWER, Role.ADMIN), T0.plusSeconds(60)), false,
                        new GlobalBrake.Release()),
                Arguments.of("an operator may not", ENGAGED, release(Set.of(Role.OPERATOR), T0.plusSeconds(60)), false,
                        new GlobalBrake.Refuse("'ada' has roles [OPERATOR]; releasing the brake needs ADMIN")),
                Arguments.of("a viewer may not", ENGAGED, release(Set.of(Role.VIEWER), T0.plusSeconds(60)), false,
                        new GlobalBrake.Refuse("'ada' has roles [VIEWER]; releasing the brake needs ADMIN")),
                Arguments.of("someone without roles may not", ENGAGED, release(Set.of(), T0.plusSeconds(60)), false,
                        new GlobalBrake.Refuse("'ada' has roles []; releasing the brake needs ADMIN")),
                Arguments.of("the same release delivered again releases nothing", ENGAGED, release(Set.of(Role.ADMIN), T0.plusSeconds(60)),
                        true, new GlobalBrake.Ignore("release r-1 was handled before")),
                Arguments.of("a release from before the engagement releases nothing", ENGAGED, release(Set.of(Role.ADMIN), T0.minusSeconds(1)),
                        false, new GlobalBrake.Ignore("the release (2026-11-23T11:59:59Z) predates the brake's engagement at "
                                + "2026-11-23T12:00:00Z")),
                Arguments.of("nothing to release", RELEASED, release(Set.of(Role.ADMIN), T0), false,
                        new GlobalBrake.Ignore("the brake is not engaged")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void onlyAnAdminReleasesAndOnlyTheEngagementBeforeTheRelease(String scenario, GlobalBrakeState state, BrakeReleased release,
                                                                 boolean seenBefore, GlobalBrake.ReleaseVerdict expected) {
        assertThat(BRAKE.onRelease(state, release, seenBefore)).isEqualTo(expected);
    }

    private static BrakeReleased release(Set<Role> roles, Instant at) {
        return new BrakeReleased("r-1", "ada", "the rollbacks were a broken playbook", at, roles);
    }
}
