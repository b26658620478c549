package io.sentinel.detector.incident;

/** Whether a fix is being tried for an incident, as far as the detector has heard from the executor. */
public enum Remediation {
    NONE, RUNNING, FAILED
}
