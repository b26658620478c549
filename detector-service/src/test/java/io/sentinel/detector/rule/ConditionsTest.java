package io.sentinel.detector.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a batch of observations changes, decided on values: the states to store, those to forget, the findings. */
class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration FOR = Duration.ofSeconds(2);

    @Test
    void observationsOfOneFingerprintAreAppliedInOrderAndOnlyTheLastStateIsStored() {
        var changes = Conditions.decide(List.of(observed("a", Level.BREACHED, 0), observed("a", Level.BREACHED, 1),
                observed("a", Level.BREACHED, 2)), Map.of(), () -> true);

        assertThat(changes.findings()).singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(changes.saved()).containsOnlyKeys(fingerprint("a"));
        assertThat(changes.saved().get(fingerprint("a"))).isEqualTo(new Conditions.Saved(new ConditionState(T0, true), T0.plusSeconds(2)));
    }

    @Test
    void aConditionThatClearsIsForgottenAndSaysSo() {
        var changes = Conditions.decide(List.of(observed("a", Level.CLEAR, 5)), Map.of(fingerprint("a"), new ConditionState(T0, true)),
                () -> true);

        assertThat(changes.forgotten()).containsExactly(fingerprint("a"));
        assertThat(changes.findings()).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void nothingChangedIsNothingToWrite() {
        var changes = Conditions.decide(List.of(observed("a", Level.BETWEEN, 5), observed("b", Level.CLEAR, 5)),
                Map.of(fingerprint("a"), new ConditionState(T0, true)), () -> true);

        assertThat(changes.saved()).isEmpty();
        assertThat(changes.forgotten()).isEmpty();
        assertThat(changes.findings()).isEmpty();
    }

    @Test
    void aNewConditionBeyondTheCapIsNotTrackedAtAllWhileKnownOnesGoOn() {
        var admissions = new AtomicInteger();
        var changes = Conditions.decide(List.of(observed("known", Level.BREACHED, 5), observed("new-1", Level.BREACHED, 5),
                observed("new-1", Level.BREACHED, 7), observed("new-2", Level.BREACHED, 5)),
                Map.of(fingerprint("known"), new ConditionState(T0, true)), () -> admissions.incrementAndGet() == 1);

        assertThat(changes.saved()).containsOnlyKeys(fingerprint("new-1"));
        assertThat(changes.findings()).extracting(Finding::fingerprint).containsExactly(fingerprint("known"), fingerprint("new-1"));
        assertThat(admissions).as("one admission per new fingerprint, not per observation").hasValue(2);
    }

    private static Conditions.Observed observed(String resource, Level level, int second) {
        Instant at = T0.plusSeconds(second);
        return new Conditions.Observed("r", resource, Map.of(), Map.of(), level, Severity.WARNING, "t",
                new Observation("s", 1.0, 0.5, "d", at), at, FOR, null);
    }

    private static String fingerprint(String resource) {
        return Fingerprint.of("r", resource, Map.of());
    }
}
