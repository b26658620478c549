package io.sentinel.events.signal;

public enum AlertStatus {
    FIRING, RESOLVED
}
