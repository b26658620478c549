package io.sentinel.local.demo;

/** The faults the demo service can be told to suffer. */
public enum Fault {
    /** Leaks memory until released (release-memory or a restart cures it). */
    MEMORY_LEAK,
    /** Leaks memory that neither release-memory nor a restart frees: the fix does not cure it. */
    INCURABLE_MEMORY_LEAK,
    /** Burns a CPU core. */
    CPU_BURN,
    /** Fails a large share of requests with 500s and logs the errors. */
    ERROR_BURST,
    /** Keeps enqueuing work while consumption stops. */
    STUCK_QUEUE
}
