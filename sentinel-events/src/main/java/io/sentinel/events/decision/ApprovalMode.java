package io.sentinel.events.decision;

public enum ApprovalMode {
    /** Policy allowed the action to run without a human. */
    AUTO,
    /** A person with the required role approved it. */
    HUMAN
}
