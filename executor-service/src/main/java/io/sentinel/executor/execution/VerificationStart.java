package io.sentinel.executor.execution;

/** What moving an execution to VERIFYING found. */
public enum VerificationStart {
    /** The execution was no longer RUNNING: someone else moved it on. */
    NOT_RUNNING,
    /** Now waiting for the detector to report the condition cleared. */
    AWAITING_CONDITION,
    /** The detector already reported the condition cleared since the action started: verify now. */
    CONDITION_ALREADY_CLEARED
}
