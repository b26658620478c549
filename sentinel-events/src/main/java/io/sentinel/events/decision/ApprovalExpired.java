package io.sentinel.events.decision;

import io.sentinel.events.EventFields;
import java.time.Instant;

/**
 * Nobody decided in time; the action will not run.
 *
 * @param policyRule the rule (or brake) that asked for the approval that expired; absent on events from before it was named here
 */
public record ApprovalExpired(String incidentId, String causationId, String approvalId, Instant expiredAt, String policyRule)
        implements DecisionEvent {

    public ApprovalExpired {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(approvalId, "approvalId");
        EventFields.require(expiredAt, "expiredAt");
        policyRule = EventFields.optionalText(policyRule);
    }

    /** Without the rule, as before it was named here. */
    public ApprovalExpired(String incidentId, String causationId, String approvalId, Instant expiredAt) {
        this(incidentId, causationId, approvalId, expiredAt, null);
    }
}
