package io.sentinel.events.approval;

public enum Vote {
    APPROVE, REJECT
}
