package io.sentinel.gateway.incident;

/** Where an incident stands in its lifecycle, as the read model shows it. */
public enum IncidentState {
    OPEN,
    ANALYZED,
    AUTO_APPROVED,
    AWAITING_APPROVAL,
    APPROVED,
    REJECTED,
    EXPIRED,
    BLOCKED,
    EXECUTING,
    VERIFYING,
    RESOLVED,
    ROLLED_BACK,
    ESCALATED
}
