package io.sentinel.detector.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CascadeCheckTest {

    private static final LlmSetting.ErrorCascade LIMITS = Traces.defaults().errorCascade();

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("a jump from 2% to 15%: above the 10% floor", 100, 2, 100, 15, null, Level.BREACHED, Severity.WARNING),
                Arguments.of("from 8% to 20%: under 3 x 8% = 24%", 100, 8, 100, 20, null, Level.CLEAR, null),
                Arguments.of("from 8% to 30%: above 24%", 100, 8, 100, 30, null, Level.BREACHED, Severity.WARNING),
                Arguments.of("over half failing is critical", 100, 2, 100, 51, null, Level.BREACHED, Severity.CRITICAL),
                Arguments.of("a previous window too small to say counts as 0%", 5, 4, 40, 6, null, Level.BREACHED, Severity.WARNING),
                Arguments.of("exactly at the threshold does not breach", 100, 0, 100, 10, null, Level.CLEAR, null),
                Arguments.of("active: a lasting cascade is judged against the baseline it fired on, not itself", 100, 40, 100, 40, 0.02,
                        Level.BREACHED, Severity.WARNING),
                Arguments.of("active: back under max(3 x 2%, 10%) clears", 100, 40, 100, 9, 0.02, Level.CLEAR, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void judgesTheJumpAgainstThePreviousWindow(String scenario, int previousTraces, int previousFailed, int traces, int failed,
                                               Double frozenBaseline, Level level, Severity severity) {
        var windows = new TraceBuckets.Windows(new TraceBuckets.Counts(traces, failed),
                new TraceBuckets.Counts(previousTraces, previousFailed));
        CascadeCheck.Verdict verdict = CascadeCheck.judge(windows, frozenBaseline, LIMITS).orElseThrow();
        assertThat(verdict.level()).isEqualTo(level);
        if (severity != null) {
            assertThat(verdict.severity()).isEqualTo(severity);
        }
    }

    @Test
    void saysNothingWithFewerThanMinTracesInTheWindow() {
        var windows = new TraceBuckets.Windows(new TraceBuckets.Counts(19, 19), TraceBuckets.Counts.NONE);
        assertThat(CascadeCheck.judge(windows, null, LIMITS)).isEmpty();
    }

    @Test
    void windowsSlideOverTenSecondBuckets() {
        Instant t0 = Instant.parse("2026-11-23T12:00:00Z");
        List<TraceBuckets.Bucket> buckets = List.of(
                new TraceBuckets.Bucket(t0.minusSeconds(600), 99, 99),
                new TraceBuckets.Bucket(t0, 10, 1),
                new TraceBuckets.Bucket(t0.plusSeconds(290), 10, 1),
                new TraceBuckets.Bucket(t0.plusSeconds(300), 10, 5),
                new TraceBuckets.Bucket(t0.plusSeconds(590), 10, 5));
        var windows = TraceBuckets.windows(buckets, t0.plusSeconds(597), Duration.ofMinutes(5));
        assertThat(windows.current()).isEqualTo(new TraceBuckets.Counts(20, 10));
        assertThat(windows.previous()).as("the bucket ten minutes back is outside both windows").isEqualTo(new TraceBuckets.Counts(20, 2));
        assertThat(TraceBuckets.oldestNeeded(t0.plusSeconds(597), Duration.ofMinutes(5))).isEqualTo(t0);
    }
}
