package io.sentinel.gateway.approval;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;
import java.util.Map;

/**
 * An approval request and its outcome, as the API shows it: what would run (the playbook and its
 * parameters), on exactly what (the inventory target), and how it was decided.
 *
 * @param parameters the playbook's parameters as the request named them; empty until the request arrived
 * @param target     what the action would touch (name, environment, urls, kubernetes), from the
 *                   inventory as the policy service read it; null if the request named no target
 * @param decidedBy         who approved or rejected it (the approvers, joined by ", ", where the rule
 *                          asked for more than one); null while pending and for an expired request
 * @param requiredApprovals how many distinct people with {@code requiredRole} must approve; null until the request arrived
 * @param policyRule        the rule, or the brake ({@code brake:global} ...), that asked for approval
 * @param requestedBy       who asked for a manual run; their own vote never counts on it
 * @param overriddenRule    when a brake asked: the rule that would have decided otherwise
 */
public record Approval(String approvalId, String incidentId, ApprovalState state, Role requiredRole, String playbookId,
                       Map<String, String> parameters, TargetRef target, Risk risk, Instant requestedAt, Instant expiresAt,
                       String decidedBy, Instant decidedAt, Integer requiredApprovals, String policyRule, String requestedBy,
                       String overriddenRule) {

    public Approval {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
