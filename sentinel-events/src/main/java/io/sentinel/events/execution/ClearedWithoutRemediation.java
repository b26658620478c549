package io.sentinel.events.execution;

import io.sentinel.events.EventFields;
import java.time.Instant;

/**
 * The executor's verdict on a {@code ConditionCleared} while none of its executions was working on
 * the incident: the condition went away with no fix of Sentinel's involved. The detector resolves
 * the incident on it (ADR 0009); a decision that arrives for the incident later is not run.
 *
 * @param causationId the {@code ConditionCleared} event this answers
 * @param clearedAt   when the detector saw the condition clear
 */
public record ClearedWithoutRemediation(String incidentId, String causationId, Instant clearedAt) implements ExecutionEvent {

    public ClearedWithoutRemediation {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.require(clearedAt, "clearedAt");
    }
}
