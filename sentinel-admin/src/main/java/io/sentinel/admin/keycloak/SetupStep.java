package io.sentinel.admin.keycloak;

import java.util.Objects;

/**
 * One item the setup ensures, and what it found or did.
 *
 * @param item    what, e.g. {@code realm role sentinel-admin}
 * @param outcome created, added, granted or already present
 */
public record SetupStep(String item, Outcome outcome) {

    public SetupStep {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** One line, the item padded so that outcomes line up. */
    public String line() {
        return "%-56s %s".formatted(item, outcome.label());
    }
}
