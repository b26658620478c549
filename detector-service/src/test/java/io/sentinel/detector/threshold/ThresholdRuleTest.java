package io.sentinel.detector.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.detector.threshold.ConditionState.Phase;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final ThresholdRule MEMORY =
            new ThresholdRule("memory-usage-high", "memory_usage_ratio", 0.60, 0.55, Duration.ofSeconds(30), Severity.WARNING, null);

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("below the threshold, nothing pending: quiet",
                        new ConditionState(null, Phase.NONE), 0.40, T0, new Transition.Quiet()),
                Arguments.of("exactly at the threshold is not above it",
                        new ConditionState(null, Phase.NONE), 0.60, T0, new Transition.Quiet()),
                Arguments.of("first breach starts the clock",
                        new ConditionState(null, Phase.NONE), 0.61, T0, new Transition.Pending(T0)),
                Arguments.of("breach held for less than 'for' stays pending from the first breach",
                        new ConditionState(T0, Phase.NONE), 0.70, T0.plusSeconds(29), new Transition.Pending(T0)),
                Arguments.of("breach held for the full 'for' opens",
                        new ConditionState(T0, Phase.NONE), 0.70, T0.plusSeconds(30), new Transition.Opened(T0)),
                Arguments.of("a dip before 'for' elapses resets the clock",
                        new ConditionState(T0, Phase.NONE), 0.59, T0.plusSeconds(20), new Transition.Reset()),
                Arguments.of("open incident, value between the clear level and the threshold: not cleared (hysteresis)",
                        new ConditionState(null, Phase.FIRING), 0.57, T0, new Transition.Persisting(false)),
                Arguments.of("open incident, still above the threshold",
                        new ConditionState(null, Phase.FIRING), 0.80, T0, new Transition.Persisting(true)),
                Arguments.of("open incident, below the clear level: cleared",
                        new ConditionState(null, Phase.FIRING), 0.54, T0, new Transition.Cleared()),
                Arguments.of("cleared incident, value back above the threshold: returned",
                        new ConditionState(null, Phase.CLEARED), 0.65, T0, new Transition.Returned()),
                Arguments.of("cleared incident, value hovering below the threshold: quiet",
                        new ConditionState(null, Phase.CLEARED), 0.58, T0, new Transition.Quiet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void decidesWhatAValueMeans(String scenario, ConditionState state, double value, Instant at, Transition expected) {
        assertThat(MEMORY.evaluate(state, value, at)).isEqualTo(expected);
    }

    @Test
    void opensAtOnceWhenForIsZero() {
        var immediate = new ThresholdRule("down", "up", 0.5, 0.5, Duration.ZERO, Severity.CRITICAL, null);
        assertThat(immediate.evaluate(ConditionState.QUIET, 1.0, T0)).isEqualTo(new Transition.Opened(T0));
    }

    @Test
    void opensOnlyAfterConditionPersistsFor() {
        ConditionState state = ConditionState.QUIET;
        Instant at = T0;
        int samples = 0;
        Transition transition;
        do {
            transition = MEMORY.evaluate(state, 0.75, at);
            if (transition instanceof Transition.Pending pending) {
                state = new ConditionState(pending.since(), Phase.NONE);
            }
            at = at.plusSeconds(5);
            samples++;
        } while (!(transition instanceof Transition.Opened));
        assertThat(samples).as("samples every 5s until 30s held: t=0,5,...,30").isEqualTo(7);
    }

    @Test
    void refusesARuleThatCouldNeverClear() {
        assertThatThrownBy(() -> new ThresholdRule("bad", "x", 0.5, 0.6, Duration.ZERO, null, null))
                .hasMessageContaining("clear-below (0.6) must not exceed above (0.5)");
    }

    @Test
    void fillsTheResourceIntoTheTitle() {
        assertThat(new ThresholdRule("m", "x", 1, 1, null, null, "High on {resource}").titleFor("shop")).isEqualTo("High on shop");
    }
}
