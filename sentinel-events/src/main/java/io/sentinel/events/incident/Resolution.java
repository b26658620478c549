package io.sentinel.events.incident;

public enum Resolution {
    /** A remediation ran and verification saw the condition clear. */
    REMEDIATED,
    /** The condition cleared without a (successful) remediation. */
    CLEARED_BY_ITSELF
}
