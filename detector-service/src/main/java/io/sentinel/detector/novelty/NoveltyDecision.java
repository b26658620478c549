package io.sentinel.detector.novelty;

import java.time.Instant;

/** What one error fingerprint seen in a batch means for its service. Pure. */
public enum NoveltyDecision {
    /** Never seen, but the service is still in its learning period: remember it as known, quietly. */
    LEARN,
    /** Never seen after the learning period: a new error, worth an incident. */
    OPEN,
    /** Known, and its incident condition is still active: a repeat for the open incident to count. */
    REPEAT,
    /** Known and quiet (learned, or its incident cleared): only counted in the detector's own table. */
    COUNT;

    /**
     * @param knownActive     null when the fingerprint is unknown, else whether its condition is active
     * @param firstOccurrence when the fingerprint first occurred in this batch (the log's own time)
     * @param learningEnds    the service's first log plus the learning period
     */
    public static NoveltyDecision decide(Boolean knownActive, Instant firstOccurrence, Instant learningEnds) {
        if (knownActive != null) {
            return knownActive ? REPEAT : COUNT;
        }
        return firstOccurrence.isBefore(learningEnds) ? LEARN : OPEN;
    }
}
