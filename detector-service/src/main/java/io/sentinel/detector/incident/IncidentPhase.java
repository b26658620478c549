package io.sentinel.detector.incident;

/** An open incident's condition, as the detector last saw it. */
public enum IncidentPhase {
    /** The condition is present. */
    FIRING,
    /**
     * The condition cleared and the detector said so ({@code ConditionCleared}); the incident awaits the
     * executor's verdict on it (ADR 0009). A return of the condition meanwhile is held for after the verdict,
     * unless the incident is flapping.
     */
    CLEARED,
    /**
     * The executor found no fix of Sentinel's involved, but the incident is flapping: it resolves once the
     * condition has stayed clear for the flapping {@code stable-for}.
     */
    SETTLING
}
