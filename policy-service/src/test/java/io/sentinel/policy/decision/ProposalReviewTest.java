package io.sentinel.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.EventIds;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.policy.PolicyDecisionKind;
import io.sentinel.events.settings.policy.PolicyRuleSetting;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.ApprovalStatus;
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
import org.junit.jupiter.api.Test;

/** What a proposal review decides and would publish, on values alone: no broker, no database. */
class ProposalReviewTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ProposedAction RELEASE_MEMORY = new ProposedAction("release-memory", Map.of("reason", "sentinel"));
    private static final TargetRef SHOP_STAGING = new TargetRef("shop-staging", "staging", List.of("http://shop.staging:8080"), null);
    private static final TargetRef SHOP_PROD = new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"),
            new KubernetesRef("shop", "Deployment", "shop"));
    private static final IncidentFacts MEMORY = new IncidentFacts("memory-usage-high", Severity.WARNING, "memory_usage_ratio", 0.8);
    private static final RuntimeSettings SETTINGS = new RuntimeSettings();

    private final ProposalReview review = new ProposalReview(new PolicyRules(List.of(
            PolicyRuleSetting.of("deny-critical", null, List.of("critical"), null, PolicyDecisionKind.DENY, null),
            new PolicyRuleSetting("two-for-the-shop-namespace", null, List.of("high"), null, List.of("shop"), null, null, null, null, null,
                    PolicyDecisionKind.APPROVE, Role.ADMIN, 2, null, null),
            new PolicyRuleSetting("auto-low-small", null, List.of("low"), null, null, null, null, null, null, null, PolicyDecisionKind.AUTO,
                    null, null, 5, null),
            PolicyRuleSetting.of("approve-medium", null, List.of("medium"), null, PolicyDecisionKind.APPROVE, Role.OPERATOR)), SETTINGS),
            new Brakes(new BrakeProperties(Duration.ofHours(1), 3, 20, 3, Role.OPERATOR)),
            new TargetInventory(new InventoryProperties(null, List.of(
                    new ConfiguredTarget("shop-staging", "staging", List.of("http://shop.staging:8080"), null),
                    new ConfiguredTarget("shop-prod", "production", List.of("http://shop.prod:8080"),
                            new KubernetesRef("shop", "Deployment", "shop")))), SETTINGS),
            Duration.ofHours(4));

    @Test
    void authorizesWhatTheRulesLetRunAloneOnTheInventorysTarget() {
        AnalysisCompleted analysis = analysis(Risk.LOW, "shop-staging", withBlastRadius("2"));

        Review outcome = review.review(analysis, "analysis-1", NOW, MEMORY, BrakeReadings.RELEASED, true);

        assertThat(outcome).isInstanceOfSatisfying(Review.Authorize.class, authorize -> {
            assertThat(authorize.environment()).isEqualTo("staging");
            assertThat(authorize.brake()).isNull();
            assertThat(authorize.authorization()).isEqualTo(new ActionAuthorized("inc-1", "analysis-1", withBlastRadius("2"), Risk.LOW,
                    ApprovalMode.AUTO, null, null, "auto-low-small", "shop-staging", "staging", analysis.labels(), SHOP_STAGING));
        });
    }

    @Test
    void asksForApprovalWithARequestThatExpiresAfterTheTtlAndAnIdDerivedFromTheAnalysis() {
        AnalysisCompleted analysis = analysis(Risk.MEDIUM, "shop-prod", RELEASE_MEMORY);

        Review outcome = review.review(analysis, "analysis-2", NOW, MEMORY, BrakeReadings.RELEASED, true);

        assertThat(outcome).isInstanceOfSatisfying(Review.AskForApproval.class, ask -> {
            String approvalId = EventIds.derive("analysis-2", "approval");
            assertThat(ask.announcement().approvalId()).isEqualTo(approvalId);
            assertThat(ask.announcement().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
            assertThat(ask.announcement().requiredRole()).isEqualTo(Role.OPERATOR);
            assertThat(ask.announcement().requiredApprovals()).isEqualTo(1);
            assertThat(ask.announcement().requestedBy()).as("an analysis is nobody's request").isNull();
            assertThat(ask.announcement().overriddenRule()).isNull();
            assertThat(ask.announcement().target()).isEqualTo(SHOP_PROD);
            assertThat(ask.announcement().rationale()).isEqualTo(analysis.rootCause());
            assertThat(ask.request().approvalId()).isEqualTo(approvalId);
            assertThat(ask.request().status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(ask.request().environment()).isEqualTo("production");
            assertThat(ask.request().analysisEventId()).isEqualTo("analysis-2");
            assertThat(ask.request().requestedEventId()).as("known once the announcement is published").isNull();
        });
        assertThat(((Review.AskForApproval) review.review(analysis, "analysis-2", NOW, MEMORY, BrakeReadings.RELEASED, true)).request().approvalId())
                .as("the same analysis handled again asks for the same approval").isEqualTo(EventIds.derive("analysis-2", "approval"));
    }

    @Test
    void asksTwoPeopleWhereTheRuleForTheTargetsNamespaceSaysSo() {
        Review outcome = review.review(analysis(Risk.HIGH, "shop-prod", RELEASE_MEMORY), "analysis-3", NOW, MEMORY, BrakeReadings.RELEASED, true);

        assertThat(outcome).isInstanceOfSatisfying(Review.AskForApproval.class, ask -> {
            assertThat(ask.announcement().policyRule()).isEqualTo("two-for-the-shop-namespace");
            assertThat(ask.announcement().requiredApprovals()).isEqualTo(2);
            assertThat(ask.request().requiredApprovals()).isEqualTo(2);
            assertThat(ask.announcement().requiredRole()).isEqualTo(Role.ADMIN);
        });
    }

    @Test
    void theGlobalBrakeTurnsWhatWouldRunAloneIntoARequestNamingTheBrakeAndTheRule() {
        Review outcome = review.review(analysis(Risk.LOW, "shop-staging", withBlastRadius("1")), "analysis-4", NOW, MEMORY,
                new BrakeReadings(true, 0, 0), true);

        assertThat(outcome).isInstanceOfSatisfying(Review.AskForApproval.class, ask -> {
            assertThat(ask.announcement().policyRule()).isEqualTo("brake:global");
            assertThat(ask.announcement().overriddenRule()).isEqualTo("auto-low-small");
            assertThat(ask.request().overriddenRule()).isEqualTo("auto-low-small");
            assertThat(ask.announcement().requiredRole()).isEqualTo(Role.OPERATOR);
            assertThat(ask.brake()).contains("global brake is engaged");
        });
    }

    @Test
    void aProposalDeclaringMoreThanTheRuleAllowsWaitsForAPerson() {
        Review outcome = review.review(analysis(Risk.LOW, "shop-staging", withBlastRadius("6")), "analysis-5", NOW, MEMORY,
                BrakeReadings.RELEASED, true);

        assertThat(outcome).isInstanceOfSatisfying(Review.AskForApproval.class,
                ask -> assertThat(ask.announcement().policyRule()).isEqualTo("brake:blast-radius"));
        assertThat(review.review(analysis(Risk.LOW, "shop-staging", withBlastRadius("all")), "analysis-6", NOW, MEMORY,
                BrakeReadings.RELEASED, true)).as("a blast radius that is no number is undeclared").isInstanceOf(Review.AskForApproval.class);
    }

    @Test
    void judgesTheEnvironmentByTheInventoryNotByWhatTheAnalysisClaims() {
        AnalysisCompleted claimsStaging = analysis(Risk.LOW, "shop-prod", withBlastRadius("1"));

        Review outcome = review.review(claimsStaging, "analysis-7", NOW, MEMORY, BrakeReadings.RELEASED, true);

        assertThat(outcome).isInstanceOfSatisfying(Review.Authorize.class, authorize -> {
            assertThat(authorize.environment()).isEqualTo("production");
            assertThat(authorize.authorization().environment()).isEqualTo("production");
        });
    }

    @Test
    void neverLetsAnActionOnAnUnlistedTargetRunWithoutAPerson() {
        Review outcome = review.review(analysis(Risk.LOW, "shop-nobody-listed", withBlastRadius("1")), "analysis-8", NOW, MEMORY,
                BrakeReadings.RELEASED, true);

        assertThat(outcome).isInstanceOfSatisfying(Review.AskForApproval.class, ask -> {
            assertThat(ask.decision().rule()).isEqualTo("unlisted-target (instead of auto-low-small)");
            assertThat(ask.announcement().overriddenRule()).isEqualTo("auto-low-small");
            assertThat(ask.environment()).isEqualTo("production");
            assertThat(ask.target()).isNull();
        });
    }

    @Test
    void blocksWhatTheRulesForbidAndDecidesNothingWithoutAProposal() {
        assertThat(review.review(analysis(Risk.CRITICAL, "shop-prod", RELEASE_MEMORY), "analysis-9", NOW, MEMORY, BrakeReadings.RELEASED, true))
                .isInstanceOfSatisfying(Review.Block.class, block -> assertThat(block.block()).isEqualTo(new ActionBlocked("inc-1",
                        "analysis-9", RELEASE_MEMORY, Risk.CRITICAL, "deny-critical",
                        "policy rule 'deny-critical' forbids running 'release-memory' at risk CRITICAL in environment 'production'")));
        assertThat(review.review(analysis(Risk.LOW, "shop-prod", null), "analysis-10", NOW, MEMORY, BrakeReadings.RELEASED, true))
                .isInstanceOf(Review.NothingProposed.class);
    }

    @Test
    void waitsForAnIncidentItHasNotSeenOnlyWhileTheRulesAskAboutItAndTheWaitIsNotOver() {
        var shipped = new ProposalReview(new PolicyRules(ShippedPolicy.rules(), SETTINGS),
                new Brakes(new BrakeProperties(Duration.ofHours(1), 3, 20, 3, Role.OPERATOR)),
                new TargetInventory(new InventoryProperties(null, List.of(new ConfiguredTarget("shop-staging", "staging",
                        List.of("http://shop.staging:8080"), null))), SETTINGS), Duration.ofHours(4));
        AnalysisCompleted lowRisk = analysis(Risk.LOW, "shop-staging", RELEASE_MEMORY);

        assertThat(shipped.review(lowRisk, "analysis-11", NOW, null, BrakeReadings.RELEASED, true))
                .isEqualTo(new Review.WaitForIncident("inc-1"));
        assertThat(shipped.review(lowRisk, "analysis-11", NOW, null, BrakeReadings.RELEASED, false))
                .as("the wait is over: the strictest rule that may match decides")
                .isInstanceOfSatisfying(Review.AskForApproval.class, ask -> assertThat(ask.announcement().policyRule())
                        .isEqualTo("llm-approve-the-rest (incident unknown)"));
        assertThat(shipped.review(lowRisk, "analysis-11", NOW, MEMORY, BrakeReadings.RELEASED, true))
                .isInstanceOf(Review.Authorize.class);
        assertThat(shipped.review(analysis(Risk.HIGH, "shop-staging", RELEASE_MEMORY), "analysis-12", NOW, null, BrakeReadings.RELEASED,
                true)).as("no rule before the one that decides asks about the incident").isInstanceOf(Review.AskForApproval.class);
        assertThat(review.review(lowRisk, "analysis-13", NOW, null, BrakeReadings.RELEASED, true))
                .as("rules that never ask about the incident never wait for it").isInstanceOf(Review.AskForApproval.class);
    }

    private static ProposedAction withBlastRadius(String blastRadius) {
        return new ProposedAction("restart-pods", Map.of("blast-radius", blastRadius));
    }

    /** The analysis always claims staging; only the inventory knows better. */
    private static AnalysisCompleted analysis(Risk risk, String target, ProposedAction action) {
        return new AnalysisCompleted("inc-1", "opened-1", Analyst.HEURISTIC, null, "no LLM configured",
                "Memory grows past its limit without being released", List.of("memory_usage_ratio was 0.75"), action, risk, 0.5, target,
                "staging", Map.of("environment", "staging", "service", "shop"), target, null, null);
    }
}
