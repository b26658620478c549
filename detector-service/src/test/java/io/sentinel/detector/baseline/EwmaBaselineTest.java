package io.sentinel.detector.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EwmaBaselineTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final EwmaBaseline DEFAULTS = EwmaBaseline.of(EwmaBaselineSetting.DEFAULTS);
    /** Mean 0.5, standard deviation 0.05, learned from 500 samples. */
    private static final EwmaState LEARNED = new EwmaState(0.5, 0.0025, 500, T0);

    @Test
    void learnsTheExponentiallyWeightedMeanAndVariance() {
        EwmaState state = EwmaState.first(1, T0).learn(3, T0.plusSeconds(1), 0.5).learn(2, T0.plusSeconds(2), 0.5);
        // mean 1 -> 2 -> 2; variance 0 -> 0.5 * (0 + 2 * 1) = 1 -> 0.5 * (1 + 0 * 0) = 0.5
        assertThat(state.mean()).isEqualTo(2.0);
        assertThat(state.variance()).isEqualTo(0.5);
        assertThat(state.samples()).isEqualTo(3);
        assertThat(state.lastSampleAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void convergesToTheSeriesMeanAndSpread() {
        EwmaState state = EwmaState.first(0.5, T0);
        for (int i = 1; i < 2000; i++) {
            state = state.learn(i % 2 == 0 ? 0.45 : 0.55, T0.plusSeconds(i), 0.05);
        }
        assertThat(state.mean()).isCloseTo(0.5, within(0.01));
        assertThat(state.stddev(0)).isCloseTo(0.05, within(0.005));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("at the mean: clear", 0.50, Level.CLEAR),
                Arguments.of("1.9 sigma above: clear", 0.595, Level.CLEAR),
                Arguments.of("3 sigma above: inside the hysteresis band", 0.65, Level.BETWEEN),
                Arguments.of("just under 4 sigma: not yet beyond", 0.699, Level.BETWEEN),
                Arguments.of("4.2 sigma above: breached", 0.71, Level.BREACHED),
                Arguments.of("far below: clear (only rises are anomalies)", 0.10, Level.CLEAR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void judgesAValueAgainstKAndClearKStandardDeviations(String scenario, double value, Level level) {
        assertThat(DEFAULTS.judge(LEARNED, value).orElseThrow().level()).isEqualTo(level);
    }

    @Test
    void judgesNothingBeforeMinSamples() {
        assertThat(DEFAULTS.judge(new EwmaState(0.5, 0.0025, 499, T0), 10)).isEmpty();
        assertThat(DEFAULTS.judge(null, 10)).isEmpty();
    }

    @Test
    void aSeriesThatBarelyMovedIsJudgedAgainstAFloorOfItsMean() {
        var flat = new EwmaState(0.5, 0, 1000, T0);
        EwmaVerdict verdict = DEFAULTS.judge(flat, 0.55).orElseThrow();
        assertThat(verdict.stddev()).as("5% of the mean").isCloseTo(0.025, within(1e-12));
        assertThat(verdict.level()).as("2 floors above").isEqualTo(Level.BETWEEN);
    }

    @Test
    void doesNotLearnFromWhatBreaches() {
        var breach = DEFAULTS.judge(LEARNED, 0.9);
        EwmaState after = DEFAULTS.next(LEARNED, 0.9, T0.plusSeconds(1), breach);
        assertThat(after.mean()).isEqualTo(LEARNED.mean());
        assertThat(after.variance()).isEqualTo(LEARNED.variance());
        assertThat(after.lastSampleAt()).as("but remembers it saw it").isEqualTo(T0.plusSeconds(1));

        EwmaState normal = DEFAULTS.next(LEARNED, 0.6, T0.plusSeconds(1), DEFAULTS.judge(LEARNED, 0.6));
        assertThat(normal.mean()).isCloseTo(0.505, within(1e-12));
        assertThat(normal.samples()).isEqualTo(501);
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> new EwmaBaselineSetting(null, 0.0, null, null, null, null, null))
                .hasMessage("alpha must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> new EwmaBaselineSetting(null, null, 1.0, null, null, null, null))
                .hasMessageStartingWith("k (1.0) must not be under clear-k (2.0)");
        assertThatThrownBy(() -> new EwmaBaselineSetting(null, null, null, null, Duration.ofSeconds(-1), null, null))
                .hasMessageStartingWith("for must not be negative");
        assertThatThrownBy(() -> new EwmaBaselineSetting(List.of("x", ""), null, null, null, null, null, null))
                .hasMessageStartingWith("signals must list signal names");
        assertThatThrownBy(() -> new BaselineProperties(null, EwmaBaselineSetting.DEFAULTS, Duration.ZERO))
                .hasMessage("sentinel.detector.baseline.forget-after must be positive, was PT0S");
    }
}
