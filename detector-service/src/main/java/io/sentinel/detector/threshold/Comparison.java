package io.sentinel.detector.threshold;

/** Which side of the threshold is trouble. */
public enum Comparison {
    /** Trouble above the threshold (memory, CPU, latency). */
    ABOVE,
    /** Trouble below it (a container's "up" of 0). */
    BELOW
}
