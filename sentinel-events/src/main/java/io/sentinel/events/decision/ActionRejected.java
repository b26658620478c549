package io.sentinel.events.decision;

import io.sentinel.events.EventFields;

public record ActionRejected(String incidentId, String causationId, String approvalId, String rejectedBy, String comment)
        implements DecisionEvent {

    public ActionRejected {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(approvalId, "approvalId");
        EventFields.requireText(rejectedBy, "rejectedBy");
    }
}
