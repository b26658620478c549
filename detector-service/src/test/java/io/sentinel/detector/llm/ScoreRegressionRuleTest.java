package io.sentinel.detector.llm;

import static io.sentinel.detector.llm.Traces.batch;
import static io.sentinel.detector.llm.Traces.generation;
import static io.sentinel.detector.llm.Traces.score;
import static io.sentinel.detector.llm.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Level;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmTrace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Evaluation-score regression: the pure judgement, and the rule on the detector's real tables. */
class ScoreRegressionRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final LlmSetting.PromptDrift LIMITS = Traces.defaults().promptDrift();

    static Stream<Arguments> judgements() {
        return Stream.of(
                Arguments.of("a drop of 0.3", values(0.9, 100, 0.6, 20), null, Level.BREACHED),
                Arguments.of("a drop of 0.05", values(0.9, 100, 0.85, 20), null, Level.CLEAR),
                Arguments.of("a rise", values(0.6, 100, 0.9, 20), null, Level.CLEAR),
                Arguments.of("active: judged against the frozen baseline even once the window is all low",
                        values(0.6, 100, 0.6, 20), 0.9, Level.BREACHED),
                Arguments.of("active: recovered to within 0.1 of the frozen baseline", values(0.6, 100, 0.85, 20), 0.9, Level.CLEAR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("judgements")
    void comparesTheRecentMeanWithTheBaselineMean(String scenario, List<Double> values, Double frozen, Level level) {
        assertThat(ScoreCheck.judge(values, frozen, LIMITS).orElseThrow().level()).isEqualTo(level);
    }

    @Test
    void needsAFullBaselineBeforeItJudges() {
        assertThat(ScoreCheck.judge(values(0.9, 99, 0.1, 20), null, LIMITS)).isEmpty();
        assertThat(ScoreCheck.judge(values(0.9, 0, 0.1, 19), 0.9, LIMITS)).as("and a full recent window").isEmpty();
    }

    @Test
    void firesOnARegressionAndClearsWhenScoresRecoverEvenAcrossARestart() {
        String app = "answer-quality";
        var before = new ScoreRegressionRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(scores(before, app, 0, Collections.nCopies(100, 0.9))).isEmpty();
        List<Finding> drop = scores(before, app, 200, Collections.nCopies(20, 0.55));
        assertThat(drop).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("llm-prompt-drift");
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.title()).isEqualTo("Evaluation score 'helpfulness' dropped in answer-quality");
            assertThat(firing.labels()).containsEntry("score", "helpfulness");
            assertThat(firing.observation().value()).isCloseTo(0.55, Offset.offset(1e-9));
            assertThat(firing.observation().detail()).isEqualTo("mean of the latest 20 'helpfulness' scores is 0.55, 0.35 under the "
                    + "baseline mean 0.90 of the 100 before them (allowed drop 0.10)");
        });

        var after = new ScoreRegressionRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(scores(after, app, 300, Collections.nCopies(100, 0.55)))
                .as("still regressed against the frozen baseline: a repeat, not a clear").singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(scores(after, app, 400, Collections.nCopies(20, 0.88))).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    private static List<Double> values(double baseline, int baselineCount, double recent, int recentCount) {
        List<Double> values = new ArrayList<>(Collections.nCopies(baselineCount, baseline));
        values.addAll(Collections.nCopies(recentCount, recent));
        return values;
    }

    private static List<Finding> scores(ScoreRegressionRule rule, String app, int second, List<Double> values) {
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Instant at = T0.plusSeconds(second + i);
            traces.add(trace("trace-" + app + "-" + second + "-" + i, "qa-agent", at,
                    List.of(generation("answer", at, "Paris is the capital of France.")), List.of(score("helpfulness", values.get(i)))));
        }
        return RuleDatabase.shared().step(T0.plusSeconds(second + 200), context -> rule.onSignal(batch(app, traces), context));
    }
}
