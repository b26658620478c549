package io.sentinel.gateway.approval.db;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.gateway.approval.ApprovalState;
import io.sentinel.runtime.consume.EventContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code approval_view} in step with the policy service: an approval changes state when the
 * policy service decides, never when someone merely votes.
 */
@Component
public class ApprovalProjection {

    private static final Logger log = LoggerFactory.getLogger(ApprovalProjection.class);

    public void apply(EventEnvelope<? extends DecisionEvent> envelope, EventContext context) {
        ApprovalDao approvals = context.attach(ApprovalDao.class);
        switch (envelope.event()) {
            case ApprovalRequested requested -> {
                approvals.recordRequest(requested.approvalId(), requested.incidentId(), requested.requiredRole(),
                        requested.action().playbookId(), requested.action().parameters(), requested.target(), requested.risk(),
                        envelope.time(), requested.expiresAt(), envelope.id(), envelope.traceParent().header(),
                        requested.requiredApprovals(), requested.policyRule(), requested.requestedBy(), requested.overriddenRule());
                log.info("approval requested approvalId={} incidentId={} requiredRole={} expiresAt={} target={} environment={}",
                        requested.approvalId(), requested.incidentId(), requested.requiredRole(), requested.expiresAt(),
                        requested.target() == null ? null : requested.target().name(),
                        requested.target() == null ? null : requested.target().environment());
            }
            case ActionAuthorized authorized when authorized.approval() == ApprovalMode.HUMAN -> approvals.recordDecision(
                    authorized.approvalId(), authorized.incidentId(), ApprovalState.APPROVED, authorized.approvedBy(), envelope.time());
            case ActionRejected rejected -> approvals.recordDecision(rejected.approvalId(), rejected.incidentId(), ApprovalState.REJECTED,
                    rejected.rejectedBy(), envelope.time());
            case ApprovalExpired expired -> approvals.recordDecision(expired.approvalId(), expired.incidentId(), ApprovalState.EXPIRED,
                    null, expired.expiredAt());
            case ActionAuthorized automatic -> {
                // Authorized by policy alone: there was no approval request.
            }
            case ActionBlocked blocked -> {
                // Nobody can approve a blocked action, so no approval exists.
            }
        }
    }
}
