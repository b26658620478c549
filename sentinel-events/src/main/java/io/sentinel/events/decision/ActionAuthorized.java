package io.sentinel.events.decision;

import io.sentinel.events.EventFields;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.target.TargetRef;
import java.util.List;
import java.util.Map;

/**
 * The action may run. The executor runs it at most once per authorization: this event's id is the
 * idempotency key.
 *
 * @param approvedBy who approved it, when {@code approval} is HUMAN: the approvers' names joined by ", " when
 *                   the rule asked for more than one
 * @param approvalId the approval request this answers, when {@code approval} is HUMAN
 * @param policyRule the policy rule that decided
 * @param target     what the action may touch, from the inventory as the policy saw it when it decided;
 *                   the executor refuses to act if the inventory says otherwise by then
 * @param approvers  every person who approved it, in the order their votes counted, when {@code approval} is
 *                   HUMAN; empty for an automatic decision (and on events from before N-of-M approvals)
 */
public record ActionAuthorized(String incidentId, String causationId, ProposedAction action, Risk risk, ApprovalMode approval,
                               String approvedBy, String approvalId, String policyRule, String resource, String environment,
                               Map<String, String> labels, TargetRef target, List<String> approvers) implements DecisionEvent {

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
        approvers = EventFields.copyOf(approvers);
        if (approval == ApprovalMode.HUMAN && approvers.isEmpty()) {
            // Written before N-of-M approvals: the one approver is approvedBy.
            approvers = List.of(approvedBy);
        }
        if (approval == ApprovalMode.AUTO && !approvers.isEmpty()) {
            throw new IllegalArgumentException("field 'approvers' must be empty for an automatic decision, was " + approvers);
        }
    }

    /** Without the list of approvers: one approver ({@code approvedBy}) or none, as before N-of-M approvals. */
    public ActionAuthorized(String incidentId, String causationId, ProposedAction action, Risk risk, ApprovalMode approval, String approvedBy,
                            String approvalId, String policyRule, String resource, String environment, Map<String, String> labels,
                            TargetRef target) {
        this(incidentId, causationId, action, risk, approval, approvedBy, approvalId, policyRule, resource, environment, labels, target,
                null);
    }
}
