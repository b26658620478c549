package io.sentinel.detector.absence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.settings.detector.StaleMetricSetting;
import io.sentinel.events.settings.detector.StuckQueueSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StuckQueueCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final StuckQueueCheck DEFAULTS = StuckQueueCheck.of(StuckQueueSetting.DEFAULTS);

    /** Points every 15 s from T0: depth and consumption. */
    private static List<QueuePoint> points(double[] depths, double[] consumed) {
        List<QueuePoint> points = new ArrayList<>();
        for (int i = 0; i < depths.length; i++) {
            points.add(new QueuePoint(T0.plusSeconds(15L * i), depths[i], consumed == null ? null : consumed[i]));
        }
        return points;
    }

    static Stream<Arguments> queues() {
        double[] rising = {10, 20, 30, 40, 50, 60, 70, 80, 90};             // 2 minutes, +80
        double[] zeros = new double[9];
        double[] resumedAtEnd = {0, 0, 0, 0, 0, 0, 0, 0, 3};
        double[] consumedOnce = {0, 0, 0, 5, 0, 0, 0, 0, 0};
        return Stream.of(
                Arguments.of("rising over the whole window, nothing consumed: stuck", points(rising, zeros), Level.BREACHED),
                Arguments.of("rising but consuming again: clears", points(rising, resumedAtEnd), Level.CLEAR),
                Arguments.of("rising, and something was consumed inside the window: not stuck", points(rising, consumedOnce), Level.BETWEEN),
                Arguments.of("growth of exactly min-growth is not rising", points(new double[]{10, 12, 14, 16, 18, 19, 19, 20, 20}, zeros),
                        Level.BETWEEN),
                Arguments.of("the depth fell: clears", points(new double[]{10, 20, 30, 40, 50, 60, 70, 80, 75}, zeros), Level.CLEAR),
                Arguments.of("the window is not covered yet", points(new double[]{10, 50, 90, 130, 170}, new double[5]), Level.BETWEEN),
                Arguments.of("no consumption reported: nothing to tell", points(rising, null), Level.BETWEEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void aQueueIsStuckWhenItsDepthRoseOverTheWindowWhileNothingWasConsumed(String scenario, List<QueuePoint> points, Level level) {
        assertThat(DEFAULTS.judge(points).orElseThrow().level()).isEqualTo(level);
    }

    @Test
    void explainsTheGrowthAgainstTheDepthItHadToExceed() {
        QueueVerdict verdict = DEFAULTS.judge(points(new double[]{10, 20, 30, 40, 50, 60, 70, 80, 90}, new double[9])).orElseThrow();
        assertThat(verdict.detail()).isEqualTo("depth grew from 10 to 90 over PT2M (by more than 10) while queue_consumed_per_second stayed 0");
        assertThat(verdict.depth()).isEqualTo(90.0);
        assertThat(verdict.reference()).isEqualTo(20.0);
        assertThat(verdict.at()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void nothingToJudgeWithoutADepth() {
        assertThat(DEFAULTS.judge(List.of(new QueuePoint(T0, null, 0.0)))).isEmpty();
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> new StuckQueueSetting(Duration.ZERO, null, null)).hasMessage("window must be positive, was PT0S");
        assertThatThrownBy(() -> new StaleMetricSetting(null, 0, null, null)).hasMessage("min-observations must be at least 1, was 0");
    }
}
