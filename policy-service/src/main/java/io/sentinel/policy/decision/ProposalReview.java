package io.sentinel.policy.decision;

import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.ApprovalRequests;
import io.sentinel.policy.policy.PolicyDecision;
import io.sentinel.policy.policy.PolicyEngine;
import io.sentinel.runtime.consume.EventContext;
import io.sentinel.runtime.inventory.TargetInventory;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts each proposed action before the policy and publishes what it decided. */
public final class ProposalReview {

    private static final Logger log = LoggerFactory.getLogger(ProposalReview.class);

    private final PolicyEngine policy;
    private final ApprovalRequests approvals;
    private final TargetInventory inventory;

    public ProposalReview(PolicyEngine policy, ApprovalRequests approvals, TargetInventory inventory) {
        this.policy = policy;
        this.approvals = approvals;
        this.inventory = inventory;
    }

    public void onAnalysis(AnalysisCompleted analysis, EventContext context) {
        ProposedAction action = analysis.proposedAction();
        if (action == null) {
            log.info("nothing to decide: the analysis proposes no action incidentId={} analyst={}", analysis.incidentId(), analysis.analyst());
            return;
        }
        // The policy looks the target up itself rather than believing the analysis' environment:
        // what an action may touch, and how sensitive that is, is the inventory's to say.
        Optional<TargetRef> target = inventory.find(analysis.target());
        String environment = target.map(TargetRef::environment).orElseGet(inventory::mostSensitiveEnvironment);
        PolicyDecision decision = target.isPresent()
                ? policy.decide(action.playbookId(), analysis.risk(), environment)
                : policy.decideUnlisted(action.playbookId(), analysis.risk(), environment);
        TargetRef authorizedTarget = target.orElse(null);
        switch (decision) {
            case PolicyDecision.Auto auto -> context.publish(new ActionAuthorized(analysis.incidentId(), context.cause().id(), action,
                    analysis.risk(), ApprovalMode.AUTO, null, null, auto.rule(), analysis.resource(), environment, analysis.labels(),
                    authorizedTarget));
            case PolicyDecision.RequireApproval approval -> approvals.request(analysis, environment, authorizedTarget, approval.role(),
                    approval.rule(), context);
            case PolicyDecision.Deny deny -> context.publish(new ActionBlocked(analysis.incidentId(), context.cause().id(), action,
                    analysis.risk(), deny.rule(), deny.reason()));
        }
        log.info("policy decided incidentId={} playbook={} risk={} target={} environment={} decision={} policyRule={}",
                analysis.incidentId(), action.playbookId(), analysis.risk(), target.map(TargetRef::name).orElse("unlisted"), environment,
                decision.getClass().getSimpleName(), decision.rule());
    }
}
