package io.sentinel.events.decision;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.IncidentScoped;

/** What the policy service decided about a proposed action. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface DecisionEvent extends IncidentScoped
        permits ActionAuthorized, ApprovalRequested, ActionRejected, ApprovalExpired, ActionBlocked {
}
