package io.sentinel.detector.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.HourlyBaselineSetting;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpikeFactorsTest {

    private static final SpikeFactors DEFAULTS = SpikeFactors.of(HourlyBaselineSetting.DEFAULTS);
    private static final Instant AT = Instant.parse("2026-11-23T12:10:00Z");

    static Stream<Arguments> readings() {
        return Stream.of(
                Arguments.of("at the baseline: clear", 10.0, 10.0, 24, Level.CLEAR, Severity.WARNING),
                Arguments.of("just under 2x: clear", 19.9, 10.0, 24, Level.CLEAR, Severity.WARNING),
                Arguments.of("between 2x and 2.5x: the hysteresis band", 22.0, 10.0, 24, Level.BETWEEN, Severity.WARNING),
                Arguments.of("exactly 2.5x: not yet above", 25.0, 10.0, 24, Level.BETWEEN, Severity.WARNING),
                Arguments.of("above 2.5x: a warning", 25.1, 10.0, 24, Level.BREACHED, Severity.WARNING),
                Arguments.of("exactly 5x: still a warning", 50.0, 10.0, 168, Level.BREACHED, Severity.WARNING),
                Arguments.of("above 5x: critical", 50.1, 10.0, 168, Level.BREACHED, Severity.CRITICAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void judgesTheHourAgainstItsBaseline(String scenario, double value, double baseline, int history, Level level, Severity severity) {
        SpikeVerdict verdict = DEFAULTS.judge(new HourlyReading(value, baseline, history, AT)).orElseThrow();
        assertThat(verdict.level()).isEqualTo(level);
        assertThat(verdict.severity()).isEqualTo(severity);
        assertThat(verdict.ratio()).isEqualTo(value / baseline);
    }

    static Stream<Arguments> unjudged() {
        return Stream.of(
                Arguments.of("23 hours of history: not enough", new HourlyReading(1000, 10, 23, AT)),
                Arguments.of("no history at all", new HourlyReading(1000, 0, 0, AT)),
                Arguments.of("a baseline of zero has no ratio", new HourlyReading(1000, 0, 48, AT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unjudged")
    void judgesNothingWithoutEnoughHistory(String scenario, HourlyReading reading) {
        assertThat(DEFAULTS.judge(reading)).isEqualTo(Optional.empty());
    }

    @Test
    void describesTheSpikeAgainstTheFactorItPassed() {
        var reading = new HourlyReading(60, 10, 30, AT);
        var observation = DEFAULTS.observation("http_errors_per_second", "http_errors_per_second this hour", reading,
                DEFAULTS.judge(reading).orElseThrow());
        assertThat(observation.detail()).isEqualTo("http_errors_per_second this hour 60 = 6× the 7-day hourly baseline 10 (mean of 30"
                + " hours); warning above 2.5×, critical above 5×");
        assertThat(observation.threshold()).as("the critical level it passed").isEqualTo(50.0);
        assertThat(observation.observedAt()).isEqualTo(AT);
    }

    @Test
    void describesTheClearingAgainstTheClearFactor() {
        var reading = new HourlyReading(15, 10, 30, AT);
        var observation = DEFAULTS.observation("s", "s this hour", reading, DEFAULTS.judge(reading).orElseThrow());
        assertThat(observation.detail()).endsWith("; below the clear level of 2×");
        assertThat(observation.threshold()).isEqualTo(20.0);
    }

    @Test
    void badFactorsNameTheField() {
        assertThatThrownBy(() -> new HourlyBaselineSetting(null, 1.5, null, null, null))
                .hasMessage("warning-factor (1.5) must not be under clear-factor (2.0), or an incident"
                        + " could never clear");
        assertThatThrownBy(() -> new HourlyBaselineSetting(null, null, 2.0, null, null))
                .hasMessageStartingWith("critical-factor (2.0) must not be under warning-factor");
        assertThatThrownBy(() -> new HourlyBaselineSetting(null, null, null, null, 0))
                .hasMessage("min-history must be between 1 and 168 hours, was 0");
        assertThatThrownBy(() -> new HourlyBaselineSetting(java.util.List.of(" "), null, null, null, null))
                .hasMessageStartingWith("signals must list signal names");
    }
}
