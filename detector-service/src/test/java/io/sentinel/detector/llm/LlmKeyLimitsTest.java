package io.sentinel.detector.llm;

import static io.sentinel.detector.llm.Traces.batch;
import static io.sentinel.detector.llm.Traces.generation;
import static io.sentinel.detector.llm.Traces.score;
import static io.sentinel.detector.llm.Traces.tool;
import static io.sentinel.detector.llm.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.signal.LlmTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an LLM application sends (trace ids, generation, score and tool names) cannot make the detector keep state without end. */
class LlmKeyLimitsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final int CAP = 3;
    private static final int FLOOD = 20;

    private final RuleDatabase db = RuleDatabase.migrated();
    private final KeyLimits limits = new KeyLimits(CAP, Duration.ofMinutes(10), new SimpleMeterRegistry(), System::nanoTime);
    private final LlmSettings settings = Traces.settings(Traces.defaults());

    @Test
    void newApplicationsAgentRunsGenerationsScoresAndToolsBeyondTheCapAreNotTracked() {
        List<DetectionRule> rules = List.of(new ErrorCascadeRule(settings, limits), new AgentLoopRule(settings, limits),
                new OutputDriftRule(settings, limits), new ScoreRegressionRule(settings, limits), new SilentToolFailureRule(settings, limits));

        for (int app = 0; app < FLOOD; app++) {
            List<LlmTrace> traces = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                Instant at = T0.plusSeconds(i);
                traces.add(trace("run-" + app + "-" + i, "agent", at, List.of(generation("generation-" + i, at, "{\"answer\": 42}"),
                        tool("tool-" + i, at, "")), List.of(score("score-" + i, 0.8))));
            }
            for (DetectionRule rule : rules) {
                db.signal(rule, batch("app-" + app, traces), T0.plusSeconds(FLOOD));
            }
        }

        assertThat(rows("llm_error_cascade")).isEqualTo(CAP);
        assertThat(rows("llm_trace_bucket")).as("counted only for the applications tracked")
                .isEqualTo(db.query(handle -> handle.createQuery("select count(*) from llm_trace_bucket where application in "
                        + "(select application from llm_error_cascade)").mapTo(Long.class).one()));
        assertThat(rows("llm_agent_trace")).isEqualTo(CAP);
        assertThat(rows("llm_output_schema")).isEqualTo(CAP);
        assertThat(rows("llm_score_history")).isEqualTo(CAP);
        assertThat(rows("llm_tool_failure")).isEqualTo(CAP);
    }

    private long rows(String table) {
        return db.query(handle -> handle.createQuery("select count(*) from " + table).mapTo(Long.class).one());
    }
}
