package io.sentinel.detector.threshold;

import java.time.Instant;

/**
 * Where a condition stands for one fingerprint.
 *
 * @param pendingSince when the condition started to hold, while it has not held long enough yet
 */
public record ConditionState(Instant pendingSince, Phase phase) {

    public static final ConditionState QUIET = new ConditionState(null, Phase.NONE);

    public enum Phase {
        /** No open incident. */
        NONE,
        /** An incident is open and its condition is present. */
        FIRING,
        /** An incident is open but its condition has cleared; awaiting verification of a fix. */
        CLEARED
    }
}
