package io.sentinel.events.decision;

import io.sentinel.events.EventFields;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;

/** Policy forbids the proposed action here; nobody can approve it. */
public record ActionBlocked(String incidentId, String causationId, ProposedAction action, Risk risk, String policyRule, String reason)
        implements DecisionEvent {

    public ActionBlocked {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.require(action, "action");
        EventFields.require(risk, "risk");
        EventFields.requireText(policyRule, "policyRule");
        EventFields.requireText(reason, "reason");
    }
}
