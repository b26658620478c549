package io.sentinel.detector.llm;

import static io.sentinel.detector.llm.Traces.batch;
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
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompt drift of outputs on the detector's real tables. */
class OutputDriftRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final String GOOD = "{\"category\": \"billing\", \"priority\": 2, \"reply\": \"We refunded order 4711.\"}";
    private static final String MISSING_PRIORITY = "{\"category\": \"billing\", \"reply\": \"We refunded order 4711.\"}";
    private static final String PROSE = "Sure! This ticket is about billing, and I'd say it is urgent.";

    @Test
    void firesWhenMoreThanFifteenPercentOfTheLatestOutputsBreakTheLearnedSchemaAndClearsWhenBack() {
        var rule = new OutputDriftRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        String app = "ticket-triage-drift";
        assertThat(outputs(rule, app, 0, repeat(GOOD, 20))).as("learning").isEmpty();
        assertThat(outputs(rule, app, 100, mix(17, 3))).as("3 of 20 = 15%: not more than 15%").isEmpty();

        List<Finding> drift = outputs(rule, app, 200, mix(16, 4));
        assertThat(drift).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("llm-prompt-drift");
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.title())
                    .isEqualTo("Prompt drift in ticket-triage-drift: outputs of classify-ticket no longer match their schema");
            assertThat(firing.labels()).containsEntry("generation", "classify-ticket");
            assertThat(firing.observation().value()).isEqualTo(0.2);
            assertThat(firing.observation().detail()).startsWith("4 of the latest 20 outputs of classify-ticket do not match")
                    .contains("latest: missing 'priority'");
        });
        assertThat(outputs(rule, app, 300, repeat(GOOD, 20))).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void aRestartedRuleKeepsTheLearnedSchemaAndTheActiveCondition() {
        String app = "ticket-triage-restart";
        var before = new OutputDriftRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        outputs(before, app, 0, repeat(GOOD, 20));
        assertThat(outputs(before, app, 100, mix(10, 10))).hasSize(1);

        var after = new OutputDriftRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(outputs(after, app, 200, List.of(PROSE)))
                .as("a rule that forgot would be learning again and say nothing; this one still judges").singleElement()
                .isInstanceOf(Finding.Firing.class);
        assertThat(outputs(after, app, 300, repeat(GOOD, 20))).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void failedGenerationsAndOtherGenerationsAreNotJudgedTogether() {
        var rule = new OutputDriftRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        String app = "two-generations";
        outputs(rule, app, 0, repeat(GOOD, 20));
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant at = T0.plusSeconds(500 + i);
            traces.add(trace("triage", at, generation("summarise-ticket", at, PROSE), Traces.failedGeneration("classify-ticket", at)));
        }
        List<Finding> findings = RuleDatabase.shared().step(T0.plusSeconds(600), context -> rule.onSignal(batch(app, traces), context));
        assertThat(findings)
                .as("prose from another generation and failed generations say nothing about classify-ticket's schema").isEmpty();
    }

    private static List<String> repeat(String output, int times) {
        return Collections.nCopies(times, output);
    }

    /** {@code good} matching outputs, then {@code bad} ones alternating between prose and a missing key (the key last). */
    private static List<String> mix(int good, int bad) {
        List<String> outputs = new ArrayList<>(repeat(GOOD, good));
        for (int i = bad - 1; i >= 0; i--) {
            outputs.add(i % 2 == 0 ? MISSING_PRIORITY : PROSE);
        }
        return outputs;
    }

    private static List<Finding> outputs(OutputDriftRule rule, String app, int second, List<String> outputs) {
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Instant at = T0.plusSeconds(second + i);
            traces.add(trace("triage", at, generation("classify-ticket", at, outputs.get(i))));
        }
        return RuleDatabase.shared().step(T0.plusSeconds(second + 60), context -> rule.onSignal(batch(app, traces), context));
    }
}
