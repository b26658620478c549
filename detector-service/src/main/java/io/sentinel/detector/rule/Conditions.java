package io.sentinel.detector.rule;

import io.sentinel.detector.incident.Fingerprint;
import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tracks one condition through {@link ConditionTracker}, with its state in {@code rule_condition}, and
 * turns the change into a finding. What every rule with "for:" and a clear level uses.
 */
public final class Conditions {

    private final KeyLimits limits;

    /** Without a cap on conditions: for tests of other things. */
    public Conditions() {
        this(KeyLimits.unlimited());
    }

    /** @param limits a condition not tracked yet starts being tracked only within {@link KeyFamily#CONDITIONS}' cap */
    public Conditions(KeyLimits limits) {
        this.limits = limits;
    }

    /**
     * What a rule saw for one series.
     *
     * @param rule       the rule's name (part of the fingerprint)
     * @param identity   the series' identifying labels (part of the fingerprint)
     * @param labels     everything known about the resource and series (for silences, inhibition, people)
     * @param target     the inventory target the series is about ({@code MetricBatch.target}); null when it came
     *                   from a sender rather than from the collector's own configuration
     */
    public record Observed(String rule, String resource, Map<String, String> identity, Map<String, String> labels, Level level,
                           Severity severity, String title, Observation observation, Instant at, Duration holdFor, String target) {
    }

    public Optional<Finding> observe(Observed observed, DetectionContext context) {
        return observeAll(List.of(observed), context).stream().findFirst();
    }

    /**
     * Tracks many observations in one go: their states are read in one query and the changes written
     * in one batch, and observations of the same fingerprint are applied in order.
     */
    public List<Finding> observeAll(List<Observed> observations, DetectionContext context) {
        if (observations.isEmpty()) {
            return List.of();
        }
        ConditionStore store = context.attach(ConditionStore.class);
        Map<String, Observed> byFingerprint = new LinkedHashMap<>();
        observations.forEach(observed -> byFingerprint.putIfAbsent(fingerprintOf(observed), observed));
        Map<String, ConditionState> states = new HashMap<>();
        store.findAll(byFingerprint.keySet()).forEach(stored -> states.put(stored.fingerprint(), stored.state()));
        Map<String, ConditionState> original = Map.copyOf(states);
        Map<String, Instant> changedAt = new LinkedHashMap<>();

        List<Finding> findings = new ArrayList<>();
        Set<String> admitted = new HashSet<>();
        Set<String> refused = new HashSet<>();
        for (Observed observed : observations) {
            String fingerprint = fingerprintOf(observed);
            if (refused.contains(fingerprint)) {
                continue;
            }
            ConditionState state = states.getOrDefault(fingerprint, ConditionState.QUIET);
            ConditionTracker.Step step = ConditionTracker.track(state, observed.level(), observed.at(), observed.holdFor());
            boolean untracked = !original.containsKey(fingerprint) && !admitted.contains(fingerprint);
            if (untracked && !step.next().equals(ConditionState.QUIET)) {
                if (!limits.admit(KeyFamily.CONDITIONS)) {
                    // A condition nobody tracks yet, and the conditions are at their limit: it is not tracked at all.
                    refused.add(fingerprint);
                    continue;
                }
                admitted.add(fingerprint);
            }
            states.put(fingerprint, step.next());
            changedAt.put(fingerprint, observed.at());
            finding(fingerprint, observed, step.change()).ifPresent(findings::add);
        }
        write(store, states, original, changedAt);
        return findings;
    }

    private static void write(ConditionStore store, Map<String, ConditionState> states, Map<String, ConditionState> original,
                              Map<String, Instant> changedAt) {
        List<String> saved = new ArrayList<>();
        List<Instant> pendingSince = new ArrayList<>();
        List<Boolean> active = new ArrayList<>();
        List<Instant> at = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        states.forEach((fingerprint, state) -> {
            ConditionState before = original.getOrDefault(fingerprint, ConditionState.QUIET);
            if (state.equals(before)) {
                return;
            }
            if (state.equals(ConditionState.QUIET)) {
                forgotten.add(fingerprint);
            } else {
                saved.add(fingerprint);
                // PostgreSQL keeps microseconds and rounds the rest, which could move the start of a
                // "for:" clock later than the sample that started it; truncating keeps it exact.
                pendingSince.add(state.pendingSince() == null ? null : state.pendingSince().truncatedTo(ChronoUnit.MICROS));
                active.add(state.active());
                at.add(changedAt.get(fingerprint));
            }
        });
        if (!saved.isEmpty()) {
            store.saveAll(saved, pendingSince, active, at);
        }
        if (!forgotten.isEmpty()) {
            store.forgetAll(forgotten);
        }
    }

    private static Optional<Finding> finding(String fingerprint, Observed observed, ConditionTracker.Change change) {
        return switch (change) {
            case NONE -> Optional.empty();
            case FIRING -> Optional.of(new Finding.Firing(fingerprint, observed.rule(), observed.resource(), observed.labels(),
                    observed.severity(), observed.title(), observed.observation(), observed.target()));
            case CLEARED -> Optional.of(new Finding.Cleared(fingerprint, observed.observation()));
        };
    }

    private static String fingerprintOf(Observed observed) {
        return Fingerprint.of(observed.rule(), observed.resource(), observed.identity());
    }
}
