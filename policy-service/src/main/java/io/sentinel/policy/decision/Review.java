package io.sentinel.policy.decision;

import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.rules.PolicyDecision;

/** What reviewing one analysis' proposal came to, and what to publish and store for it. */
public sealed interface Review {

    /** The analysis proposes no action: there is nothing to decide. */
    record NothingProposed() implements Review {
    }

    /**
     * The rules ask about the incident, which the policy service has not seen yet: the analysis overtook
     * it. Decide again shortly rather than by the strictest guess.
     */
    record WaitForIncident(String incidentId) implements Review {
    }

    /**
     * The policy decided the proposal.
     *
     * @param environment the target's environment by the inventory; the most sensitive one if unlisted
     * @param target      the inventory's target; null if the analysis names no listed target
     * @param brake       why a brake stepped in, for the log; null if the rules decided alone
     */
    sealed interface Decided extends Review {

        PolicyDecision decision();

        String environment();

        TargetRef target();

        String brake();
    }

    /** The action may run now. */
    record Authorize(PolicyDecision decision, String environment, TargetRef target, String brake, ActionAuthorized authorization)
            implements Decided {
    }

    /**
     * The action runs once people approve: the request to store, and its announcement. The request
     * takes the announcement's event id and trace when it is published ({@link ApprovalRequest#announced}).
     */
    record AskForApproval(PolicyDecision decision, String environment, TargetRef target, String brake, ApprovalRequest request,
                          ApprovalRequested announcement) implements Decided {
    }

    /** The action never runs. */
    record Block(PolicyDecision decision, String environment, TargetRef target, String brake, ActionBlocked block) implements Decided {
    }
}
