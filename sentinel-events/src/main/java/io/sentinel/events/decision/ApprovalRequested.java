package io.sentinel.events.decision;

import io.sentinel.events.EventFields;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;

/**
 * A person with {@code requiredRole} (or higher) must approve before the action runs.
 *
 * @param rationale the analysis' root cause, so approvers see why the action was proposed
 * @param target    exactly what the action would touch, from the inventory; absent when the incident names
 *                  no listed target (then only playbooks that need no target can run)
 */
public record ApprovalRequested(String incidentId, String causationId, String approvalId, ProposedAction action, Risk risk,
                                Role requiredRole, Instant expiresAt, String policyRule, String rationale, String resource,
                                String environment, TargetRef target) implements DecisionEvent {

    public ApprovalRequested {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(approvalId, "approvalId");
        EventFields.require(action, "action");
        EventFields.require(risk, "risk");
        EventFields.require(requiredRole, "requiredRole");
        EventFields.require(expiresAt, "expiresAt");
        EventFields.requireText(policyRule, "policyRule");
        EventFields.requireText(rationale, "rationale");
        EventFields.requireText(resource, "resource");
        EventFields.requireText(environment, "environment");
    }
}
