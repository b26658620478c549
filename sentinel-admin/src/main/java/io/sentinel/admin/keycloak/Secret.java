package io.sentinel.admin.keycloak;

import java.util.Objects;

/** A password held for one use. Never printed: {@link #toString()} says only that it is hidden, so no record, log line or error message can carry it by accident. */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
