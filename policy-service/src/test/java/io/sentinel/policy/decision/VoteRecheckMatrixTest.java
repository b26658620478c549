package io.sentinel.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.incident.Severity;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.VoteCounting;
import io.sentinel.policy.approval.VoteVerdict;
import io.sentinel.policy.brake.BrakeProperties;
import io.sentinel.policy.brake.BrakeReadings;
import io.sentinel.policy.brake.Brakes;
import io.sentinel.policy.incident.IncidentFacts;
import io.sentinel.policy.rules.PolicyRules;
import io.sentinel.policy.rules.ShippedPolicy;
import io.sentinel.runtime.inventory.InventoryProperties;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Role × risk: with the shipped policy, which votes the policy service counts whatever the gateway let
 * through. Every cell is asserted, for approving and for rejecting; a low-risk action asks for approval
 * only while a brake holds it, a critical one is never put to a vote. (The gateway's side of the matrix,
 * per channel, is the gateway's test.)
 */
class VoteRecheckMatrixTest {

    private static final Instant NOW = Instant.parse("2026-11-25T11:00:00Z");
    private static final RuntimeSettings SETTINGS = new RuntimeSettings();
    private static final ProposalReview REVIEW = new ProposalReview(new PolicyRules(ShippedPolicy.rules(), SETTINGS),
            new Brakes(new BrakeProperties(Duration.ofHours(1), 3, 20, 3, Role.OPERATOR)),
            new TargetInventory(new InventoryProperties(null, List.of(new ConfiguredTarget("shop-prod", "production",
                    List.of("http://shop.prod:8080"), null))), SETTINGS), Duration.ofHours(4));
    private static final IncidentFacts MEMORY = new IncidentFacts("memory-usage-high", Severity.WARNING, "memory_usage_ratio", 0.8);
    private static final BrakeReadings GLOBAL_BRAKE = new BrakeReadings(true, 0, 0);

    /** What a vote by each role does: APPROVE/REJECT when it decides, REFUSE when the role may not, NO_REQUEST when nothing is put to a vote. */
    enum Cell {
        DECIDES, REFUSED, NO_REQUEST
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of(Risk.LOW, BrakeReadings.RELEASED, Role.VIEWER, Cell.NO_REQUEST),
                Arguments.of(Risk.LOW, BrakeReadings.RELEASED, Role.OPERATOR, Cell.NO_REQUEST),
                Arguments.of(Risk.LOW, BrakeReadings.RELEASED, Role.ADMIN, Cell.NO_REQUEST),
                Arguments.of(Risk.LOW, GLOBAL_BRAKE, Role.VIEWER, Cell.REFUSED),
                Arguments.of(Risk.LOW, GLOBAL_BRAKE, Role.OPERATOR, Cell.DECIDES),
                Arguments.of(Risk.LOW, GLOBAL_BRAKE, Role.ADMIN, Cell.DECIDES),
                Arguments.of(Risk.MEDIUM, BrakeReadings.RELEASED, Role.VIEWER, Cell.REFUSED),
                Arguments.of(Risk.MEDIUM, BrakeReadings.RELEASED, Role.OPERATOR, Cell.DECIDES),
                Arguments.of(Risk.MEDIUM, BrakeReadings.RELEASED, Role.ADMIN, Cell.DECIDES),
                Arguments.of(Risk.HIGH, BrakeReadings.RELEASED, Role.VIEWER, Cell.REFUSED),
                Arguments.of(Risk.HIGH, BrakeReadings.RELEASED, Role.OPERATOR, Cell.REFUSED),
                Arguments.of(Risk.HIGH, BrakeReadings.RELEASED, Role.ADMIN, Cell.DECIDES),
                Arguments.of(Risk.CRITICAL, BrakeReadings.RELEASED, Role.VIEWER, Cell.NO_REQUEST),
                Arguments.of(Risk.CRITICAL, BrakeReadings.RELEASED, Role.OPERATOR, Cell.NO_REQUEST),
                Arguments.of(Risk.CRITICAL, GLOBAL_BRAKE, Role.ADMIN, Cell.NO_REQUEST));
    }

    @ParameterizedTest(name = "{0} risk, brake engaged: {1}, {2} votes -> {3}")
    @MethodSource("matrix")
    void reChecksTheVotersRoleAgainstWhatTheRiskRequires(Risk risk, BrakeReadings brakes, Role role, Cell expected) {
        Review review = REVIEW.review(analysis(risk), "analysis-" + risk, NOW, MEMORY, brakes, true);

        if (expected == Cell.NO_REQUEST) {
            assertThat(review).isNotInstanceOf(Review.AskForApproval.class);
            return;
        }
        assertThat(review).isInstanceOf(Review.AskForApproval.class);
        ApprovalRequest request = ((Review.AskForApproval) review).request();
        for (Vote vote : Vote.values()) {
            var cast = new ApprovalVoteCast("inc-1", "requested-1", request.approvalId(), "voter", Set.of(role), vote, null, NOW);
            VoteVerdict verdict = VoteCounting.count(request, List.of(), cast, "vote-1", NOW);
            if (expected == Cell.DECIDES) {
                assertThat(verdict).as(vote.name()).isInstanceOf(vote == Vote.APPROVE ? VoteVerdict.Approve.class : VoteVerdict.Reject.class);
            } else {
                assertThat(verdict).as(vote.name()).isInstanceOf(VoteVerdict.Refuse.class);
            }
        }
    }

    private static AnalysisCompleted analysis(Risk risk) {
        return new AnalysisCompleted("inc-1", "opened-1", Analyst.HEURISTIC, null, "no LLM configured", "Memory grows past its limit",
                List.of("memory_usage_ratio was 0.8"), new ProposedAction("release-memory", Map.of()), risk, 0.5, "shop-prod", "production",
                Map.of("service", "shop"), "shop-prod", null, null);
    }
}
