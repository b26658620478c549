package io.sentinel.detector.llm;

import static io.sentinel.detector.llm.Traces.batch;
import static io.sentinel.detector.llm.Traces.failedTool;
import static io.sentinel.detector.llm.Traces.generation;
import static io.sentinel.detector.llm.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.LlmTrace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The error-cascade rule on the detector's real tables. */
class ErrorCascadeRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void firesOnAJumpEscalatesWhenMostFailAndClearsWhenBackUnderTheThreshold() {
        var rule = new ErrorCascadeRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        String app = "support-bot-cascade";
        assertThat(traces(rule, app, 0, 30, 1)).as("previous window: 1 of 30 failed").isEmpty();

        List<Finding> jump = traces(rule, app, 300, 30, 9);
        assertThat(jump).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("llm-error-cascade");
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.title()).isEqualTo("Error cascade in support-bot-cascade: 30% of traces failed in the last 5m");
            assertThat(firing.observation().value()).isEqualTo(0.3);
            assertThat(firing.observation().threshold()).isCloseTo(0.10, Offset.offset(1e-9));
            assertThat(firing.observation().detail()).startsWith("9 of 30 traces failed in the last 5m");
        });

        assertThat(traces(rule, app, 600, 30, 25)).singleElement().isInstanceOfSatisfying(Finding.Firing.class,
                firing -> assertThat(firing.severity()).as("83% > 50%").isEqualTo(Severity.CRITICAL));
        assertThat(traces(rule, app, 900, 30, 2)).as("7% is under max(3 x 3%, 10%), the baseline it fired on")
                .singleElement().isInstanceOf(Finding.Cleared.class);
        assertThat(traces(rule, app, 1200, 30, 2)).as("quiet stays quiet").isEmpty();
    }

    @Test
    void aRateThatCreepsUpLessThanThreefoldIsNoCascade() {
        var rule = new ErrorCascadeRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        String app = "flaky-but-steady";
        assertThat(traces(rule, app, 0, 40, 3)).as("7.5%: under the 10% floor").isEmpty();
        assertThat(traces(rule, app, 300, 40, 8)).as("20% after 7.5%: under 3 x 7.5%").isEmpty();
        assertThat(traces(rule, app, 600, 40, 12)).as("30% after 20%").isEmpty();
    }

    @Test
    void aRestartedRuleJudgesWithThePersistedWindowsAndState() {
        String app = "restarted-cascade";
        var before = new ErrorCascadeRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        traces(before, app, 0, 40, 3);

        var after = new ErrorCascadeRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(traces(after, app, 300, 40, 8))
                .as("the previous window (7.5%) survived the restart; without it 20% would breach the 10% floor").isEmpty();
        assertThat(traces(after, app, 600, 40, 38)).singleElement().isInstanceOf(Finding.Firing.class);

        var again = new ErrorCascadeRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(traces(again, app, 900, 40, 10))
                .as("active across the restart: 25% is back under the threshold it fired on (3 x 20%), so it clears")
                .singleElement().isInstanceOf(Finding.Cleared.class);
    }

    /** {@code count} traces spread over 5 minutes from {@code second}, the first {@code failed} of them failing. */
    private static List<Finding> traces(ErrorCascadeRule rule, String app, int second, int count, int failed) {
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = T0.plusSeconds(second + (long) i * 290 / count);
            traces.add(i < failed
                    ? trace("support-agent", at, generation("plan", at, "{\"tool\": \"search_orders\"}"), failedTool("search_orders", at))
                    : trace("support-agent", at, generation("answer", at, "Your order ships tomorrow.")));
        }
        return RuleDatabase.shared().step(T0.plusSeconds(second + 300), context -> rule.onSignal(batch(app, traces), context));
    }
}
