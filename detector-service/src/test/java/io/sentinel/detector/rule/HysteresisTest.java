package io.sentinel.detector.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.rule.Hysteresis.Change;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HysteresisTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration FOR = Duration.ofSeconds(30);
    private static final ConditionState ACTIVE = new ConditionState(T0, true);

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("quiet stays quiet below the threshold", ConditionState.QUIET, Level.CLEAR, T0,
                        ConditionState.QUIET, Change.NONE),
                Arguments.of("inside the hysteresis band nothing starts", ConditionState.QUIET, Level.BETWEEN, T0,
                        ConditionState.QUIET, Change.NONE),
                Arguments.of("the first breach starts the clock", ConditionState.QUIET, Level.BREACHED, T0,
                        new ConditionState(T0, false), Change.NONE),
                Arguments.of("held for less than 'for': still pending, from the first breach", new ConditionState(T0, false), Level.BREACHED,
                        T0.plusSeconds(29), new ConditionState(T0, false), Change.NONE),
                Arguments.of("held for the full 'for': fires", new ConditionState(T0, false), Level.BREACHED, T0.plusSeconds(30),
                        ACTIVE, Change.FIRING),
                Arguments.of("a dip before 'for' elapses resets the clock", new ConditionState(T0, false), Level.BETWEEN, T0.plusSeconds(20),
                        ConditionState.QUIET, Change.NONE),
                Arguments.of("active and breached again: a repeat", ACTIVE, Level.BREACHED, T0.plusSeconds(60), ACTIVE, Change.FIRING),
                Arguments.of("active inside the band: stays active, says nothing (hysteresis)", ACTIVE, Level.BETWEEN, T0.plusSeconds(60),
                        ACTIVE, Change.NONE),
                Arguments.of("active past the clear level: clears", ACTIVE, Level.CLEAR, T0.plusSeconds(60), ConditionState.QUIET,
                        Change.CLEARED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void tracksPersistenceAndHysteresis(String scenario, ConditionState state, Level level, Instant at, ConditionState next, Change change) {
        Hysteresis.Step step = Hysteresis.step(state, level, at, FOR);
        assertThat(step.next()).isEqualTo(next);
        assertThat(step.change()).isEqualTo(change);
    }

    @Test
    void opensOnlyAfterConditionPersistsFor() {
        ConditionState state = ConditionState.QUIET;
        int samples = 0;
        Change change;
        do {
            Hysteresis.Step step = Hysteresis.step(state, Level.BREACHED, T0.plusSeconds(5L * samples), FOR);
            state = step.next();
            change = step.change();
            samples++;
        } while (change != Change.FIRING);
        assertThat(samples).as("samples every 5s until 30s held: t=0,5,...,30").isEqualTo(7);
    }

    @Test
    void firesAtOnceWhenForIsZero() {
        assertThat(Hysteresis.step(ConditionState.QUIET, Level.BREACHED, T0, Duration.ZERO).change()).isEqualTo(Change.FIRING);
    }
}
