package io.sentinel.events.execution;

public enum StepPhase {
    SNAPSHOT, ACTION, CHECK, ROLLBACK
}
