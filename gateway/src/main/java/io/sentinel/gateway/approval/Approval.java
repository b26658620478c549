package io.sentinel.gateway.approval;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import java.time.Instant;

/**
 * An approval request and its outcome, as the API shows it.
 *
 * @param decidedBy who approved or rejected it; null while pending and for an expired request
 */
public record Approval(String approvalId, String incidentId, ApprovalState state, Role requiredRole, String playbookId, Risk risk,
                       Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt) {
}
