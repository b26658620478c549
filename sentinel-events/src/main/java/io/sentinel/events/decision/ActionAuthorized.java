package io.sentinel.events.decision;

import io.sentinel.events.EventFields;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.target.TargetRef;
import java.util.Map;

/**
 * The action may run. The executor runs it at most once per authorization: this event's id is the
 * idempotency key.
 *
 * @param approvedBy who approved it, when {@code approval} is HUMAN
 * @param approvalId the approval request this answers, when {@code approval} is HUMAN
 * @param policyRule the policy rule that decided
 * @param target     what the action may touch, from the inventory as the policy saw it when it decided;
 *                   the executor refuses to act if the inventory says otherwise by then
 */
public record ActionAuthorized(String incidentId, String causationId, ProposedAction action, Risk risk, ApprovalMode approval,
                               String approvedBy, String approvalId, String policyRule, String resource, String environment,
                               Map<String, String> labels, TargetRef target) implements DecisionEvent {

    public ActionAuthorized {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.require(action, "action");
        EventFields.require(risk, "risk");
        EventFields.require(approval, "approval");
        if (approval == ApprovalMode.HUMAN) {
            EventFields.requireText(approvedBy, "approvedBy");
            EventFields.requireText(approvalId, "approvalId");
        }
        EventFields.requireText(policyRule, "policyRule");
        EventFields.requireText(resource, "resource");
        EventFields.requireText(environment, "environment");
        labels = EventFields.copyOf(labels);
    }
}
