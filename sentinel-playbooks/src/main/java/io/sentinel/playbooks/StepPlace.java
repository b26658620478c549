package io.sentinel.playbooks;

/** Where in a playbook a step stands: some actions belong in one place only (a restore in the rollback, for one). */
public enum StepPlace {
    /** The playbook's {@code snapshot}, read before anything changes. */
    SNAPSHOT,
    /** Under {@code steps}: the remediation. */
    STEP,
    /** Under {@code verify.checks}. */
    CHECK,
    /** Under {@code rollback}. */
    ROLLBACK
}
