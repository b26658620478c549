package io.sentinel.events.approval;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.IncidentScoped;

/** Human input on approval requests, published by the gateway. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ApprovalEvent extends IncidentScoped permits ApprovalVoteCast {
}
