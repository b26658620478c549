package io.sentinel.policy.decision;

import io.sentinel.events.EventIds;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.ApprovalStatus;
import io.sentinel.policy.brake.BrakeReadings;
import io.sentinel.policy.brake.Brakes;
import io.sentinel.policy.incident.IncidentFacts;
import io.sentinel.policy.rules.PolicyDecision;
import io.sentinel.policy.rules.PolicyRules;
import io.sentinel.policy.rules.Proposal;
import io.sentinel.policy.rules.RuleMatcher;
import io.sentinel.runtime.inventory.TargetInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts a proposed action before the policy's rules and brakes and says what that decides: the
 * authorization, the block, or the approval request to store and announce. Pure: it reads the
 * inventory's and the rules' current view, and the caller reads the brakes, publishes and stores.
 */
public final class ProposalReview {

    private final PolicyRules rules;
    private final Brakes brakes;
    private final TargetInventory inventory;
    private final Duration approvalTtl;

    /** @param approvalTtl how long an approval request waits for its votes ({@code sentinel.policy.approval.ttl}) */
    public ProposalReview(PolicyRules rules, Brakes brakes, TargetInventory inventory, Duration approvalTtl) {
        this.rules = rules;
        this.brakes = brakes;
        this.inventory = inventory;
        this.approvalTtl = approvalTtl;
    }

    /**
     * @param analysisEventId the id of the event that carried the analysis: what a decision is caused by,
     *                        and what the approval's id is derived from
     * @param now             when it is reviewed: which rules' windows are open; an approval request expires
     *                        {@code approvalTtl} after
     * @param incident        what the detector said about the incident; null if the policy has not seen it
     * @param readings        the brakes, as read in the deciding transaction for the analysis' target
     * @param mayWait         whether the decision may still wait for the incident when the rules ask about it and it is
     *                        unknown; once not, the strictest rule that may match decides
     */
    public Review review(AnalysisCompleted analysis, String analysisEventId, Instant now, IncidentFacts incident, BrakeReadings readings,
                         boolean mayWait) {
        ProposedAction action = analysis.proposedAction();
        if (action == null) {
            return new Review.NothingProposed();
        }
        // The policy looks the target up itself rather than believing the analysis' environment:
        // what an action may touch, and how sensitive that is, is the inventory's to say.
        Optional<TargetRef> listed = inventory.find(analysis.target());
        String environment = listed.map(TargetRef::environment).orElseGet(inventory::mostSensitiveEnvironment);
        String namespace = listed.map(TargetRef::kubernetes).map(KubernetesRef::namespace).orElse(null);
        Proposal proposal = new Proposal(action.playbookId(), analysis.risk(), environment, namespace, analysis.labels(), incident,
                Proposal.blastRadiusOf(action.parameters()));
        RuleMatcher matcher = rules.current();
        if (incident == null && mayWait && matcher.dependsOnTheIncident(proposal, now)) {
            return new Review.WaitForIncident(analysis.incidentId());
        }
        PolicyDecision ruled = listed.isPresent() ? matcher.decide(proposal, now) : matcher.decideUnlisted(proposal, now);
        PolicyDecision decision = brakes.apply(ruled, proposal, readings);
        String why = decision == ruled ? null : brakes.explain(decision, proposal, readings);
        TargetRef target = listed.orElse(null);
        return switch (decision) {
            case PolicyDecision.Auto auto -> new Review.Authorize(decision, environment, target, why, new ActionAuthorized(
                    analysis.incidentId(), analysisEventId, action, analysis.risk(), ApprovalMode.AUTO, null, null, auto.rule(),
                    analysis.resource(), environment, analysis.labels(), target));
            case PolicyDecision.RequireApproval approval -> askForApproval(analysis, analysisEventId, approval, environment, target, why,
                    now);
            case PolicyDecision.Deny deny -> new Review.Block(decision, environment, target, why, new ActionBlocked(analysis.incidentId(),
                    analysisEventId, action, analysis.risk(), deny.rule(), deny.reason()));
        };
    }

    private Review askForApproval(AnalysisCompleted analysis, String analysisEventId, PolicyDecision.RequireApproval approval,
                                  String environment, TargetRef target, String why, Instant now) {
        ProposedAction action = analysis.proposedAction();
        // Derived from the analysis, so that handling it again asks for the same approval, not a second one.
        String approvalId = EventIds.derive(analysisEventId, "approval");
        Instant expiresAt = now.plus(approvalTtl);
        // An analysis is nobody's request; a manual run would name its requester here.
        String requestedBy = null;
        var request = new ApprovalRequest(approvalId, analysis.incidentId(), action.playbookId(), action.parameters(), analysis.risk(),
                environment, analysis.resource(), analysis.labels(), approval.role(), approval.rule(), ApprovalStatus.PENDING, expiresAt,
                null, null, null, analysisEventId, null, target, approval.approvals(), requestedBy, approval.overriddenRule());
        var announcement = new ApprovalRequested(analysis.incidentId(), analysisEventId, approvalId, action, analysis.risk(), approval.role(),
                expiresAt, approval.rule(), analysis.rootCause(), analysis.resource(), environment, target, approval.approvals(),
                requestedBy, approval.overriddenRule());
        return new Review.AskForApproval(approval, environment, target, why, request, announcement);
    }
}
