package io.sentinel.events;

/** An event about one incident. Keyed by incident so that an incident's history stays in order. */
public interface IncidentScoped extends SentinelEvent {

    String incidentId();

    /** The id of the event that caused this one; lets anyone walk an incident's history backwards. */
    String causationId();

    @Override
    default String key() {
        return incidentId();
    }
}
