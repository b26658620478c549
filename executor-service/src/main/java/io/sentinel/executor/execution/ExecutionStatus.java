package io.sentinel.executor.execution;

/**
 * Where an execution stands. Every change is a conditional update from the expected status, so no
 * stage can happen twice even when two threads (or a restart) race for it.
 *
 * <pre>
 * PENDING → RUNNING → VERIFYING → SUCCEEDED
 *    │         │           │
 *    │         └───────────┴──→ ROLLING_BACK → ROLLED_BACK | ROLLBACK_FAILED
 *    └──→ SKIPPED (what it needed no longer held when it was about to start; nothing was sent)
 * </pre>
 */
public enum ExecutionStatus {
    PENDING, RUNNING, VERIFYING, SUCCEEDED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED, SKIPPED;

    /**
     * Still in progress; at most one active execution per incident, and per target (partial unique
     * indexes hold it).
     */
    public boolean active() {
        return this == PENDING || this == RUNNING || this == VERIFYING || this == ROLLING_BACK;
    }
}
