package io.sentinel.events.execution;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.IncidentScoped;

/** The executor's account of running, verifying and rolling back a remediation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ExecutionEvent extends IncidentScoped
        permits ExecutionStarted, StepCompleted, VerificationStarted, VerificationPassed, VerificationFailed, ExecutionFailed,
        RollbackSucceeded, RollbackFailed, ExecutionSkipped, ClearedWithoutRemediation {
}
