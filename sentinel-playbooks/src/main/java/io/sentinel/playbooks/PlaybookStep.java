package io.sentinel.playbooks;

/** One named step; {@code http} is the only kind of step so far. */
public record PlaybookStep(String name, HttpRequestSpec http) {
}
