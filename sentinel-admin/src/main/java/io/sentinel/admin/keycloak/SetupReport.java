package io.sentinel.admin.keycloak;

import java.util.List;
import java.util.Optional;

/**
 * Everything one run of the setup found or did.
 *
 * @param steps each item, in the order ensured
 */
public record SetupReport(List<SetupStep> steps) {

    public SetupReport {
        steps = List.copyOf(steps);
    }

    public boolean changedAnything() {
        return steps.stream().anyMatch(step -> step.outcome().changed());
    }

    public Optional<SetupStep> step(String item) {
        return steps.stream().filter(step -> step.item().equals(item)).findFirst();
    }
}
