package io.sentinel.policy.brake;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.policy.rules.PolicyDecision;
import io.sentinel.policy.rules.PolicyDecision.Auto;
import io.sentinel.policy.rules.PolicyDecision.Deny;
import io.sentinel.policy.rules.PolicyDecision.RequireApproval;
import io.sentinel.policy.rules.Proposal;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The brakes on what the rules let run alone, table-driven on values: at most 3 per target and 20 in all per hour here. */
class BrakesTest {

    private static final BrakeProperties LIMITS = new BrakeProperties(Duration.ofHours(1), 3, 20, 3, Role.OPERATOR);
    private static final Brakes BRAKES = new Brakes(LIMITS);
    private static final Auto AUTO_LOW = new Auto("auto-low");
    private static final Auto AUTO_SMALL = new Auto("auto-small-restarts", 2);

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("nothing holds it back", AUTO_LOW, proposal(null), new BrakeReadings(false, 2, 19), AUTO_LOW),
                Arguments.of("the global brake stops everything that would run alone", AUTO_LOW, proposal(null),
                        new BrakeReadings(true, 0, 0), new RequireApproval(Brakes.GLOBAL, Role.OPERATOR, 1, "auto-low")),
                Arguments.of("the global brake wins over every other brake", AUTO_SMALL, proposal(9), new BrakeReadings(true, 3, 20),
                        new RequireApproval(Brakes.GLOBAL, Role.OPERATOR, 1, "auto-small-restarts")),
                Arguments.of("the fourth automatic action on a target within the hour waits", AUTO_LOW, proposal(null),
                        new BrakeReadings(false, 3, 3), new RequireApproval(Brakes.TARGET_RATE, Role.OPERATOR, 1, "auto-low")),
                Arguments.of("the twenty-first in the whole system waits", AUTO_LOW, proposal(null), new BrakeReadings(false, 0, 20),
                        new RequireApproval(Brakes.SYSTEM_RATE, Role.OPERATOR, 1, "auto-low")),
                Arguments.of("within the rule's blast radius it runs", AUTO_SMALL, proposal(2), new BrakeReadings(false, 0, 0), AUTO_SMALL),
                Arguments.of("beyond the rule's blast radius it waits", AUTO_SMALL, proposal(3), new BrakeReadings(false, 0, 0),
                        new RequireApproval(Brakes.BLAST_RADIUS, Role.OPERATOR, 1, "auto-small-restarts")),
                Arguments.of("an undeclared blast radius cannot be shown within the limit", AUTO_SMALL, proposal(null),
                        new BrakeReadings(false, 0, 0), new RequireApproval(Brakes.BLAST_RADIUS, Role.OPERATOR, 1, "auto-small-restarts")),
                Arguments.of("a rule without a limit does not ask about blast radius", AUTO_LOW, proposal(500), new BrakeReadings(false, 0, 0),
                        AUTO_LOW),
                Arguments.of("an approval stays the rule's approval under the global brake", new RequireApproval("approve-high", Role.ADMIN),
                        proposal(null), new BrakeReadings(true, 9, 99), new RequireApproval("approve-high", Role.ADMIN)),
                Arguments.of("a denial stays a denial", new Deny("deny-critical", "never"), proposal(null), new BrakeReadings(true, 9, 99),
                        new Deny("deny-critical", "never")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void brakesWhatWouldRunAloneAndNamesTheBrakeAndTheRuleItOverrode(String scenario, PolicyDecision ruled, Proposal proposal,
                                                                     BrakeReadings readings, PolicyDecision expected) {
        assertThat(BRAKES.apply(ruled, proposal, readings)).isEqualTo(expected);
    }

    @Test
    void whatABrakeStoppedIsApprovedByTheConfiguredRole() {
        var admins = new Brakes(new BrakeProperties(Duration.ofHours(1), 3, 20, 3, Role.ADMIN));

        assertThat(admins.apply(AUTO_LOW, proposal(null), new BrakeReadings(true, 0, 0)))
                .isEqualTo(new RequireApproval(Brakes.GLOBAL, Role.ADMIN, 1, "auto-low"));
    }

    @Test
    void saysWhyABrakeSteppedIn() {
        assertThat(BRAKES.explain(new RequireApproval(Brakes.TARGET_RATE, Role.OPERATOR, 1, "auto-low"), proposal(null),
                new BrakeReadings(false, 3, 7))).isEqualTo("3 automatic actions on this target within PT1H (at most 3)");
        assertThat(BRAKES.explain(new RequireApproval(Brakes.BLAST_RADIUS, Role.OPERATOR, 1, "auto-low"), proposal(null),
                BrakeReadings.RELEASED)).contains("nothing (undeclared)");
    }

    private static Proposal proposal(Integer blastRadius) {
        return new Proposal("restart-service", Risk.LOW, "production", "shop", Map.of(), null, blastRadius);
    }
}
