package io.sentinel.policy.approval;

import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.target.TargetRef;
import java.time.Instant;
import java.util.Map;

/**
 * An action waiting for people's approval, with everything needed to authorize it later without
 * the analysis at hand.
 *
 * @param policyRule        the rule (or brake) that asked for approval; named again on the authorization
 * @param decidedBy         who decided it: the rejecter, or the approvers' names joined by ", "
 * @param traceParent       the trace of the ApprovalRequested event; votes and expiry continue it, so
 *                          the incident stays one trace whoever votes from wherever
 * @param analysisEventId   the AnalysisCompleted event the request answers
 * @param requestedEventId  the ApprovalRequested event; what an expiry is caused by
 * @param target            what the approver was shown the action would touch; what it is authorized on
 * @param requiredApprovals how many distinct people must approve
 * @param requestedBy       who asked for the action, when a person did; their approval never counts
 * @param overriddenRule    the rule a brake overrode, when {@code policyRule} names a brake
 */
public record ApprovalRequest(String approvalId, String incidentId, String playbookId, Map<String, String> parameters, Risk risk,
                              String environment, String resource, Map<String, String> labels, Role requiredRole, String policyRule,
                              ApprovalStatus status, Instant expiresAt, String decidedBy, Instant decidedAt, String traceParent,
                              String analysisEventId, String requestedEventId, TargetRef target, int requiredApprovals,
                              String requestedBy, String overriddenRule) {

    public ApprovalRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("an approval request needs at least one approver, was " + requiredApprovals);
        }
    }

    public ProposedAction action() {
        return new ProposedAction(playbookId, parameters);
    }

    /** The request as stored once its announcement is published: the ApprovalRequested event's id and trace. */
    public ApprovalRequest announced(String requestedEventId, TraceParent requestedTrace) {
        return new ApprovalRequest(approvalId, incidentId, playbookId, parameters, risk, environment, resource, labels, requiredRole,
                policyRule, status, expiresAt, decidedBy, decidedAt, requestedTrace.header(), analysisEventId, requestedEventId, target,
                requiredApprovals, requestedBy, overriddenRule);
    }

    /** What expiring it at {@code at} announces; caused by the ApprovalRequested event nobody answered. */
    public ApprovalExpired expired(Instant at) {
        return new ApprovalExpired(incidentId, requestedEventId, approvalId, at, policyRule);
    }

    /** A new span in the request's trace, for an event about this request. */
    public TraceParent trace() {
        return TraceParent.parse(traceParent).orElseGet(TraceParent::root).child();
    }
}
