package io.sentinel.policy.decision.db;

import java.time.Duration;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The analysis overtook its incident, and the rules ask about the incident: nothing is decided, and
 * the record is delivered again with back-off, like a record that found the database away (the
 * runtime treats transient data-access failures so), until the incident is known or the wait is over.
 */
final class IncidentNotSeenYet extends TransientDataAccessResourceException {

    IncidentNotSeenYet(String incidentId, Duration waitFor) {
        super("incident " + incidentId + " not seen yet: the rules ask about it, so its analysis waits for it (at most " + waitFor
                + " after it was published)");
    }
}
