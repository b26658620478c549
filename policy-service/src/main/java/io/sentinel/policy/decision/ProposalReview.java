package io.sentinel.policy.decision;

import io.sentinel.events.EventIds;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.ApprovalStatus;
import io.sentinel.policy.rules.PolicyDecision;
import io.sentinel.policy.rules.PolicyEngine;
import io.sentinel.runtime.inventory.TargetInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts a proposed action before the policy and says what that decides: the authorization, the block,
 * or the approval request to store and announce. Pure: it reads the inventory's current view, and
 * the caller publishes and stores what it returns.
 */
public final class ProposalReview {

    private final PolicyEngine policy;
    private final TargetInventory inventory;
    private final Duration approvalTtl;

    /** @param approvalTtl how long an approval request waits for a vote ({@code sentinel.policy.approval.ttl}) */
    public ProposalReview(PolicyEngine policy, TargetInventory inventory, Duration approvalTtl) {
        this.policy = policy;
        this.inventory = inventory;
        this.approvalTtl = approvalTtl;
    }

    /**
     * @param analysisEventId the id of the event that carried the analysis: what a decision is caused by,
     *                        and what the approval's id is derived from
     * @param now             when it is reviewed: an approval request expires {@code approvalTtl} after
     */
    public Review review(AnalysisCompleted analysis, String analysisEventId, Instant now) {
        ProposedAction action = analysis.proposedAction();
        if (action == null) {
            return new Review.NothingProposed();
        }
        // The policy looks the target up itself rather than believing the analysis' environment:
        // what an action may touch, and how sensitive that is, is the inventory's to say.
        Optional<TargetRef> listed = inventory.find(analysis.target());
        String environment = listed.map(TargetRef::environment).orElseGet(inventory::mostSensitiveEnvironment);
        PolicyDecision decision = listed.isPresent()
                ? policy.decide(action.playbookId(), analysis.risk(), environment)
                : policy.decideUnlisted(action.playbookId(), analysis.risk(), environment);
        TargetRef target = listed.orElse(null);
        return switch (decision) {
            case PolicyDecision.Auto auto -> new Review.Authorize(decision, environment, target, new ActionAuthorized(analysis.incidentId(),
                    analysisEventId, action, analysis.risk(), ApprovalMode.AUTO, null, null, auto.rule(), analysis.resource(), environment,
                    analysis.labels(), target));
            case PolicyDecision.RequireApproval approval -> askForApproval(analysis, analysisEventId, approval, environment, target, now);
            case PolicyDecision.Deny deny -> new Review.Block(decision, environment, target, new ActionBlocked(analysis.incidentId(),
                    analysisEventId, action, analysis.risk(), deny.rule(), deny.reason()));
        };
    }

    private Review askForApproval(AnalysisCompleted analysis, String analysisEventId, PolicyDecision.RequireApproval approval,
                                  String environment, TargetRef target, Instant now) {
        ProposedAction action = analysis.proposedAction();
        // Derived from the analysis, so that handling it again asks for the same approval, not a second one.
        String approvalId = EventIds.derive(analysisEventId, "approval");
        Instant expiresAt = now.plus(approvalTtl);
        var request = new ApprovalRequest(approvalId, analysis.incidentId(), action.playbookId(), action.parameters(), analysis.risk(),
                environment, analysis.resource(), analysis.labels(), approval.role(), approval.rule(), ApprovalStatus.PENDING, expiresAt,
                null, null, null, analysisEventId, null, target);
        var announcement = new ApprovalRequested(analysis.incidentId(), analysisEventId, approvalId, action, analysis.risk(), approval.role(),
                expiresAt, approval.rule(), analysis.rootCause(), analysis.resource(), environment, target);
        return new Review.AskForApproval(approval, environment, target, request, announcement);
    }
}
