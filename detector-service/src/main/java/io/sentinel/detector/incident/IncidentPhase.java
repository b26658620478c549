package io.sentinel.detector.incident;

/** An open incident's condition, as the detector last saw it. */
public enum IncidentPhase {
    /** The condition is present. */
    FIRING,
    /** The condition cleared; the incident awaits a verdict (a fix being verified, or a flapping episode settling). */
    CLEARED
}
