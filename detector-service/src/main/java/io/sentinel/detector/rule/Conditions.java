package io.sentinel.detector.rule;

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
import java.util.function.BooleanSupplier;

/**
 * Tracks conditions through {@link Hysteresis}, with their state in the {@link ConditionStore}, and
 * turns what changed into findings. What every rule with "for:" and a clear level uses: the states
 * are read in one go, {@link #decide} works on values, and what changed is written in one go.
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

        public String fingerprint() {
            return Fingerprint.of(rule, resource, identity);
        }
    }

    /**
     * What a batch of observations changes.
     *
     * @param saved     the states to store, by fingerprint, with when they changed
     * @param forgotten fingerprints whose condition went quiet
     */
    public record Changes(Map<String, Saved> saved, List<String> forgotten, List<Finding> findings) {
    }

    public record Saved(ConditionState state, Instant at) {
    }

    public Optional<Finding> observe(Observed observed, DetectionContext context) {
        return observeAll(List.of(observed), context).stream().findFirst();
    }

    /** Tracks many observations in one go: the states read in one query, the changes written in one batch. */
    public List<Finding> observeAll(List<Observed> observations, DetectionContext context) {
        if (observations.isEmpty()) {
            return List.of();
        }
        ConditionStore store = context.store(ConditionStore.class);
        Map<String, ConditionState> stored = new HashMap<>();
        store.findAll(observations.stream().map(Observed::fingerprint).distinct().toList())
                .forEach(row -> stored.put(row.fingerprint(), row.state()));
        Changes changes = decide(observations, stored, () -> limits.admit(KeyFamily.CONDITIONS));
        write(store, changes);
        return changes.findings();
    }

    /**
     * Applies the observations in order (several of one fingerprint one after the other) to the stored
     * states. A condition not tracked yet is tracked only if {@code admit} says so; otherwise it is not
     * tracked at all. Pure but for {@code admit}.
     */
    public static Changes decide(List<Observed> observations, Map<String, ConditionState> stored, BooleanSupplier admit) {
        Map<String, ConditionState> states = new HashMap<>(stored);
        Map<String, Instant> changedAt = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        Set<String> admitted = new HashSet<>();
        Set<String> refused = new HashSet<>();
        for (Observed observed : observations) {
            String fingerprint = observed.fingerprint();
            if (refused.contains(fingerprint)) {
                continue;
            }
            ConditionState state = states.getOrDefault(fingerprint, ConditionState.QUIET);
            Hysteresis.Step step = Hysteresis.step(state, observed.level(), observed.at(), observed.holdFor());
            boolean untracked = !stored.containsKey(fingerprint) && !admitted.contains(fingerprint);
            if (untracked && !step.next().equals(ConditionState.QUIET)) {
                if (!admit.getAsBoolean()) {
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
        Map<String, Saved> saved = new LinkedHashMap<>();
        List<String> forgotten = new ArrayList<>();
        changedAt.forEach((fingerprint, at) -> {
            ConditionState state = states.get(fingerprint);
            if (state.equals(stored.getOrDefault(fingerprint, ConditionState.QUIET))) {
                return;
            }
            if (state.equals(ConditionState.QUIET)) {
                forgotten.add(fingerprint);
            } else {
                saved.put(fingerprint, new Saved(state, at));
            }
        });
        return new Changes(saved, forgotten, List.copyOf(findings));
    }

    private static void write(ConditionStore store, Changes changes) {
        if (!changes.saved().isEmpty()) {
            List<String> fingerprints = new ArrayList<>();
            List<Instant> pendingSince = new ArrayList<>();
            List<Boolean> active = new ArrayList<>();
            List<Instant> at = new ArrayList<>();
            changes.saved().forEach((fingerprint, saved) -> {
                fingerprints.add(fingerprint);
                // PostgreSQL keeps microseconds and rounds the rest, which could move the start of a
                // "for:" clock later than the sample that started it; truncating keeps it exact.
                pendingSince.add(saved.state().pendingSince() == null ? null : saved.state().pendingSince().truncatedTo(ChronoUnit.MICROS));
                active.add(saved.state().active());
                at.add(saved.at());
            });
            store.saveAll(fingerprints, pendingSince, active, at);
        }
        if (!changes.forgotten().isEmpty()) {
            store.forgetAll(changes.forgotten());
        }
    }

    private static Optional<Finding> finding(String fingerprint, Observed observed, Hysteresis.Change change) {
        return switch (change) {
            case NONE -> Optional.empty();
            case FIRING -> Optional.of(new Finding.Firing(fingerprint, observed.rule(), observed.resource(), observed.labels(),
                    observed.severity(), observed.title(), observed.observation(), observed.target()));
            case CLEARED -> Optional.of(new Finding.Cleared(fingerprint, observed.observation()));
        };
    }
}
