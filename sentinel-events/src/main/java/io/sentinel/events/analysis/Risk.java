package io.sentinel.events.analysis;

/** How much harm a remediation could do if it were wrong. Ordered from least to most. */
public enum Risk {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** One level up, capped at {@link #CRITICAL}. */
    public Risk raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }
}
