package io.sentinel.events.decision;

import io.sentinel.events.EventFields;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;

/**
 * {@code requiredApprovals} distinct people with {@code requiredRole} (or higher) must approve before
 * the action runs; one rejection by such a person rejects it.
 *
 * @param rationale         the analysis' root cause, so approvers see why the action was proposed
 * @param policyRule        the rule, or the brake ({@code brake:global}, {@code brake:target-rate},
 *                          {@code brake:system-rate}, {@code brake:blast-radius}), that asked for approval
 * @param target            exactly what the action would touch, from the inventory; absent when the incident names
 *                          no listed target (then only playbooks that need no target can run)
 * @param requiredApprovals how many distinct people must approve (1 when absent, as before N-of-M approvals)
 * @param requestedBy       who asked for the action, when a person did (a manual run); that person's vote never
 *                          counts on it. Absent for what an analysis proposed
 * @param overriddenRule    when {@code policyRule} names a brake: the rule whose decision the brake overrode
 *                          (e.g. {@code auto-low}, which would have run the action alone)
 */
public record ApprovalRequested(String incidentId, String causationId, String approvalId, ProposedAction action, Risk risk,
                                Role requiredRole, Instant expiresAt, String policyRule, String rationale, String resource,
                                String environment, TargetRef target, Integer requiredApprovals, String requestedBy,
                                String overriddenRule) implements DecisionEvent {

    /** More approvers than this is a typo, not a policy: nobody would ever gather them before the request expires. */
    public static final int MAX_REQUIRED_APPROVALS = 5;

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
        requiredApprovals = requiredApprovals == null ? 1 : requiredApprovals;
        if (requiredApprovals < 1 || requiredApprovals > MAX_REQUIRED_APPROVALS) {
            throw new IllegalArgumentException("field 'requiredApprovals' must be between 1 and " + MAX_REQUIRED_APPROVALS + ", was "
                    + requiredApprovals);
        }
        requestedBy = EventFields.optionalText(requestedBy);
        overriddenRule = EventFields.optionalText(overriddenRule);
    }

    /** One approver, no requester, no brake: the request as it was before N-of-M approvals and brakes. */
    public ApprovalRequested(String incidentId, String causationId, String approvalId, ProposedAction action, Risk risk, Role requiredRole,
                             Instant expiresAt, String policyRule, String rationale, String resource, String environment, TargetRef target) {
        this(incidentId, causationId, approvalId, action, risk, requiredRole, expiresAt, policyRule, rationale, resource, environment, target,
                1, null, null);
    }
}
