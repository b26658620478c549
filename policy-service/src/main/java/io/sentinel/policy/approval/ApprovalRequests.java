package io.sentinel.policy.approval;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks people to approve an action: stores the request and announces it, in one transaction. */
public final class ApprovalRequests {

    private static final Logger log = LoggerFactory.getLogger(ApprovalRequests.class);

    private final ApprovalProperties properties;
    private final Clock clock;

    public ApprovalRequests(ApprovalProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param environment the target's environment by the inventory, the most sensitive one if unlisted
     * @param target      what the action would touch, from the inventory; null if it names no listed target
     * @param context     the transaction the analysis is handled in; the analysis is its cause
     */
    public void request(AnalysisCompleted analysis, String environment, TargetRef target, Role requiredRole, String policyRule,
                        EventContext context) {
        String analysisEventId = context.cause().id();
        String approvalId = EventIds.derive(analysisEventId, "approval");
        Instant expiresAt = clock.instant().plus(properties.ttl());
        TraceParent trace = context.cause().traceParent().child();
        EventEnvelope<ApprovalRequested> requested = context.publish(new ApprovalRequested(analysis.incidentId(), analysisEventId, approvalId,
                analysis.proposedAction(), analysis.risk(), requiredRole, expiresAt, policyRule, analysis.rootCause(), analysis.resource(),
                environment, target), trace);
        context.attach(ApprovalRequestDao.class).open(new ApprovalRequest(approvalId, analysis.incidentId(),
                analysis.proposedAction().playbookId(), analysis.proposedAction().parameters(), analysis.risk(), environment,
                analysis.resource(), analysis.labels(), requiredRole, policyRule, ApprovalStatus.PENDING, expiresAt, null, null,
                trace.header(), analysisEventId, requested.id(), target));
        log.info("approval requested approvalId={} incidentId={} playbook={} risk={} target={} environment={} requiredRole={} policyRule={} "
                + "expiresAt={}", approvalId, analysis.incidentId(), analysis.proposedAction().playbookId(), analysis.risk(),
                target == null ? "unlisted" : target.name(), environment, requiredRole, policyRule, expiresAt);
    }
}
