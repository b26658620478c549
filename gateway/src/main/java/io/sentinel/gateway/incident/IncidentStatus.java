package io.sentinel.gateway.incident;

import java.time.Instant;

/**
 * An incident's state and when the event that set it happened.
 *
 * @param since ce_time of the event that set the state; null while the state is only implied (the
 *              incident is known from an event that says nothing about its state)
 */
public record IncidentStatus(IncidentState state, Instant since) {

    /** What is known of an incident before any event has said where it stands: it exists, so it was opened. */
    public static final IncidentStatus IMPLIED_OPEN = new IncidentStatus(IncidentState.OPEN, null);

    public IncidentStatus {
        if (state == null) {
            throw new IllegalArgumentException("an incident status needs a state");
        }
    }
}
