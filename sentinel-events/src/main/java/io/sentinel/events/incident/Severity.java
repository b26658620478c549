package io.sentinel.events.incident;

public enum Severity {
    INFO, WARNING, CRITICAL
}
