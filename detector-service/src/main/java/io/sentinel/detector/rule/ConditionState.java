package io.sentinel.detector.rule;

import java.time.Instant;

/**
 * Where a rule's condition stands for one fingerprint, in the rule's own eyes (independent of
 * whether an incident exists: a silenced condition is active without one).
 *
 * @param pendingSince when the condition started to hold, while it has not held long enough yet
 * @param active       the condition fired and has not cleared since
 */
public record ConditionState(Instant pendingSince, boolean active) {

    public static final ConditionState QUIET = new ConditionState(null, false);
}
