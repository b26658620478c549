package io.sentinel.events.decision;

import io.sentinel.events.EventFields;
import java.time.Instant;

/** Nobody approved or rejected in time; the action will not run. */
public record ApprovalExpired(String incidentId, String causationId, String approvalId, Instant expiredAt) implements DecisionEvent {

    public ApprovalExpired {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(approvalId, "approvalId");
        EventFields.require(expiredAt, "expiredAt");
    }
}
