package io.sentinel.events.decision;

import io.sentinel.events.EventFields;

/**
 * Someone allowed to decide rejected the action; it will not run.
 *
 * @param policyRule the rule (or brake) that asked for the approval this rejects; absent on events from before it was named here
 */
public record ActionRejected(String incidentId, String causationId, String approvalId, String rejectedBy, String comment,
                             String policyRule) implements DecisionEvent {

    public ActionRejected {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(approvalId, "approvalId");
        EventFields.requireText(rejectedBy, "rejectedBy");
        policyRule = EventFields.optionalText(policyRule);
    }

    /** Without the rule, as before it was named here. */
    public ActionRejected(String incidentId, String causationId, String approvalId, String rejectedBy, String comment) {
        this(incidentId, causationId, approvalId, rejectedBy, comment, null);
    }
}
