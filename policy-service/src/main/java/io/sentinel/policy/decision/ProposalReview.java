package io.sentinel.policy.decision;

import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.policy.approval.ApprovalRequests;
import io.sentinel.policy.policy.PolicyDecision;
import io.sentinel.policy.policy.PolicyEngine;
import io.sentinel.runtime.consume.EventContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts each proposed action before the policy and publishes what it decided. */
public final class ProposalReview {

    private static final Logger log = LoggerFactory.getLogger(ProposalReview.class);

    private final PolicyEngine policy;
    private final ApprovalRequests approvals;

    public ProposalReview(PolicyEngine policy, ApprovalRequests approvals) {
        this.policy = policy;
        this.approvals = approvals;
    }

    public void onAnalysis(AnalysisCompleted analysis, EventContext context) {
        ProposedAction action = analysis.proposedAction();
        if (action == null) {
            log.info("nothing to decide: the analysis proposes no action incidentId={} analyst={}", analysis.incidentId(), analysis.analyst());
            return;
        }
        PolicyDecision decision = policy.decide(action.playbookId(), analysis.risk(), analysis.environment());
        switch (decision) {
            case PolicyDecision.Auto auto -> context.publish(new ActionAuthorized(analysis.incidentId(), context.cause().id(), action,
                    analysis.risk(), ApprovalMode.AUTO, null, null, auto.rule(), analysis.resource(), analysis.environment(), analysis.labels()));
            case PolicyDecision.RequireApproval approval -> approvals.request(analysis, approval.role(), approval.rule(), context);
            case PolicyDecision.Deny deny -> context.publish(new ActionBlocked(analysis.incidentId(), context.cause().id(), action,
                    analysis.risk(), deny.rule(), deny.reason()));
        }
        log.info("policy decided incidentId={} playbook={} risk={} environment={} decision={} policyRule={}", analysis.incidentId(),
                action.playbookId(), analysis.risk(), analysis.environment(), decision.getClass().getSimpleName(), decision.rule());
    }
}
