package io.sentinel.events.approval;

/** Roles of people and API keys. Each role includes the ones before it. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }
}
