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
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.ApprovalStatus;
import io.sentinel.policy.rules.PolicyEngine;
import io.sentinel.policy.rules.PolicyRule.Decision;
import io.sentinel.policy.rules.PolicyRule;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.inventory.InventoryProperties;
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
    private static final TargetRef SHOP_PROD = new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"), null);

    private final ProposalReview review = new ProposalReview(new PolicyEngine(List.of(
            new PolicyRule("deny-critical", "*", "critical", "*", Decision.DENY, null),
            new PolicyRule("auto-low", "*", "low", "*", Decision.AUTO, null),
            new PolicyRule("approve-medium", "*", "medium", "*", Decision.APPROVE, Role.OPERATOR))),
            new TargetInventory(new InventoryProperties(null, List.of(
                    new ConfiguredTarget("shop-staging", "staging", List.of("http://shop.staging:8080"), null),
                    new ConfiguredTarget("shop-prod", "production", List.of("http://shop.prod:8080"), null))), new RuntimeSettings()),
            Duration.ofHours(4));

    @Test
    void authorizesWhatTheRulesLetRunAloneOnTheInventorysTarget() {
        AnalysisCompleted analysis = analysis(Risk.LOW, "shop-staging", RELEASE_MEMORY);

        Review outcome = review.review(analysis, "analysis-1", NOW);

        assertThat(outcome).isInstanceOfSatisfying(Review.Authorize.class, authorize -> {
            assertThat(authorize.environment()).isEqualTo("staging");
            assertThat(authorize.authorization()).isEqualTo(new ActionAuthorized("inc-1", "analysis-1", RELEASE_MEMORY, Risk.LOW,
                    ApprovalMode.AUTO, null, null, "auto-low", "shop-staging", "staging", analysis.labels(), SHOP_STAGING));
        });
    }

    @Test
    void asksForApprovalWithARequestThatExpiresAfterTheTtlAndAnIdDerivedFromTheAnalysis() {
        AnalysisCompleted analysis = analysis(Risk.MEDIUM, "shop-prod", RELEASE_MEMORY);

        Review outcome = review.review(analysis, "analysis-2", NOW);

        assertThat(outcome).isInstanceOfSatisfying(Review.AskForApproval.class, ask -> {
            String approvalId = EventIds.derive("analysis-2", "approval");
            assertThat(ask.announcement().approvalId()).isEqualTo(approvalId);
            assertThat(ask.announcement().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
            assertThat(ask.announcement().requiredRole()).isEqualTo(Role.OPERATOR);
            assertThat(ask.announcement().target()).isEqualTo(SHOP_PROD);
            assertThat(ask.announcement().rationale()).isEqualTo(analysis.rootCause());
            assertThat(ask.request().approvalId()).isEqualTo(approvalId);
            assertThat(ask.request().status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(ask.request().environment()).isEqualTo("production");
            assertThat(ask.request().analysisEventId()).isEqualTo("analysis-2");
            assertThat(ask.request().requestedEventId()).as("known once the announcement is published").isNull();
        });
        assertThat(((Review.AskForApproval) review.review(analysis, "analysis-2", NOW)).request().approvalId())
                .as("the same analysis handled again asks for the same approval").isEqualTo(EventIds.derive("analysis-2", "approval"));
    }

    @Test
    void judgesTheEnvironmentByTheInventoryNotByWhatTheAnalysisClaims() {
        AnalysisCompleted claimsStaging = analysis(Risk.LOW, "shop-prod", RELEASE_MEMORY);

        Review outcome = review.review(claimsStaging, "analysis-3", NOW);

        assertThat(outcome).isInstanceOfSatisfying(Review.Authorize.class, authorize -> {
            assertThat(authorize.environment()).isEqualTo("production");
            assertThat(authorize.authorization().environment()).isEqualTo("production");
        });
    }

    @Test
    void neverLetsAnActionOnAnUnlistedTargetRunWithoutAPerson() {
        Review outcome = review.review(analysis(Risk.LOW, "shop-nobody-listed", RELEASE_MEMORY), "analysis-4", NOW);

        assertThat(outcome).isInstanceOfSatisfying(Review.AskForApproval.class, ask -> {
            assertThat(ask.decision().rule()).isEqualTo("unlisted-target (instead of auto-low)");
            assertThat(ask.environment()).isEqualTo("production");
            assertThat(ask.target()).isNull();
        });
    }

    @Test
    void blocksWhatTheRulesForbidAndDecidesNothingWithoutAProposal() {
        assertThat(review.review(analysis(Risk.CRITICAL, "shop-prod", RELEASE_MEMORY), "analysis-5", NOW))
                .isInstanceOfSatisfying(Review.Block.class, block -> assertThat(block.block()).isEqualTo(new ActionBlocked("inc-1",
                        "analysis-5", RELEASE_MEMORY, Risk.CRITICAL, "deny-critical",
                        "policy rule 'deny-critical' forbids running 'release-memory' at risk CRITICAL in environment 'production'")));
        assertThat(review.review(analysis(Risk.LOW, "shop-prod", null), "analysis-6", NOW)).isInstanceOf(Review.NothingProposed.class);
    }

    /** The analysis always claims staging; only the inventory knows better. */
    private static AnalysisCompleted analysis(Risk risk, String target, ProposedAction action) {
        return new AnalysisCompleted("inc-1", "opened-1", Analyst.HEURISTIC, null, "no LLM configured",
                "Memory grows past its limit without being released", List.of("memory_usage_ratio was 0.75"), action, risk, 0.5, target,
                "staging", Map.of("environment", "staging", "service", "shop"), target, null, null);
    }
}
