package io.sentinel.detector.rule;

import java.time.Duration;
import java.time.Instant;

/**
 * Persistence and hysteresis for any rule: a condition fires only after it has held for the whole
 * {@code holdFor}, and clears only when the value passes the clear level, so a value hovering around
 * a threshold neither flaps nor re-alerts. Pure: no clock, no I/O.
 */
public final class Hysteresis {

    private Hysteresis() {
    }

    /** What a new level did to the condition. */
    public enum Change {
        /** Nothing to report. */
        NONE,
        /** The condition fired now, or is still active and breached again (a repeat to count). */
        FIRING,
        /** The active condition cleared. */
        CLEARED
    }

    public record Step(ConditionState next, Change change) {
    }

    public static Step step(ConditionState state, Level level, Instant at, Duration holdFor) {
        if (state.active()) {
            return switch (level) {
                case BREACHED -> new Step(state, Change.FIRING);
                case BETWEEN -> new Step(state, Change.NONE);
                case CLEAR -> new Step(ConditionState.QUIET, Change.CLEARED);
            };
        }
        if (level != Level.BREACHED) {
            return new Step(ConditionState.QUIET, Change.NONE);
        }
        Instant since = state.pendingSince() == null ? at : state.pendingSince();
        if (Duration.between(since, at).compareTo(holdFor) >= 0) {
            return new Step(new ConditionState(since, true), Change.FIRING);
        }
        return new Step(new ConditionState(since, false), Change.NONE);
    }
}
