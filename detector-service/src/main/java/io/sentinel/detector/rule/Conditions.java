package io.sentinel.detector.rule;

import io.sentinel.detector.incident.Fingerprint;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Tracks one condition through {@link ConditionTracker}, with its state in {@code rule_condition}, and
 * turns the change into a finding. What every rule with "for:" and a clear level uses.
 */
public final class Conditions {

    /**
     * What a rule saw for one series.
     *
     * @param rule       the rule's name (part of the fingerprint)
     * @param identity   the series' identifying labels (part of the fingerprint)
     * @param labels     everything known about the resource and series (for silences, inhibition, people)
     */
    public record Observed(String rule, String resource, Map<String, String> identity, Map<String, String> labels, Level level,
                           Severity severity, String title, Observation observation, Instant at, Duration holdFor) {
    }

    public Optional<Finding> observe(Observed observed, DetectionContext context) {
        String fingerprint = Fingerprint.of(observed.rule(), observed.resource(), observed.identity());
        ConditionStore store = context.attach(ConditionStore.class);
        ConditionState state = store.find(fingerprint).orElse(ConditionState.QUIET);
        ConditionTracker.Step step = ConditionTracker.track(state, observed.level(), observed.at(), observed.holdFor());
        if (!step.next().equals(state)) {
            if (step.next().equals(ConditionState.QUIET)) {
                store.forget(fingerprint);
            } else {
                store.save(fingerprint, step.next().pendingSince(), step.next().active(), observed.at());
            }
        }
        return switch (step.change()) {
            case NONE -> Optional.empty();
            case FIRING -> Optional.of(new Finding.Firing(fingerprint, observed.rule(), observed.resource(), observed.labels(),
                    observed.severity(), observed.title(), observed.observation()));
            case CLEARED -> Optional.of(new Finding.Cleared(fingerprint, observed.observation()));
        };
    }
}
