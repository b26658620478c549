package io.sentinel.gateway.approval;

public enum ApprovalState {
    PENDING, APPROVED, REJECTED, EXPIRED
}
