package io.sentinel.policy.approval;

/** An approval request is pending until exactly one of the other three happens to it. */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED
}
