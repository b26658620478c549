package io.sentinel.detector.rule;

/** Where one value stands against a rule's two levels (the threshold and the clear level). */
public enum Level {
    /** Beyond the threshold: the condition holds. */
    BREACHED,
    /** Between the clear level and the threshold: an active condition stays active, a quiet one stays quiet. */
    BETWEEN,
    /** Past the clear level: an active condition clears. */
    CLEAR
}
