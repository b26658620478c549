package io.sentinel.detector.llm;

import static io.sentinel.detector.llm.Traces.batch;
import static io.sentinel.detector.llm.Traces.generation;
import static io.sentinel.detector.llm.Traces.tool;
import static io.sentinel.detector.llm.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Agent loops: the pure judgement of one run, and the rule on the detector's real tables. */
class AgentLoopRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final LlmSetting.AgentLoop LIMITS = Traces.defaults().agentLoop();

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("10 distinct generations over 10 minutes", run(10, 1, 0.01, 60), null),
                Arguments.of("11 generations", run(11, 1, 0.01, 60), Severity.WARNING),
                Arguments.of("21 generations", run(21, 1, 0.01, 60), Severity.CRITICAL),
                Arguments.of("the same output 3 times", run(4, 3, 0.01, 60), Severity.WARNING),
                Arguments.of("the same output twice", run(4, 2, 0.01, 60), null),
                Arguments.of("$1.50 in 2 minutes: $0.75/min", run(3, 1, 0.50, 60), Severity.WARNING),
                Arguments.of("$0.60 in 40 seconds: too short to judge a rate", run(2, 1, 0.30, 40), null),
                Arguments.of("$0.40 in 2 minutes", run(3, 1, 0.13, 60), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void judgesOneRun(String scenario, AgentTrace run, Severity expected) {
        var verdict = LoopCheck.judge(run, LIMITS);
        if (expected == null) {
            assertThat(verdict).isEmpty();
        } else {
            assertThat(verdict).get().extracting(LoopCheck.Verdict::severity).isEqualTo(expected);
        }
    }

    @Test
    void piecesMergeByObservationIdSoResentStepsCountOnce() {
        Instant at = T0;
        LlmObservation first = generation("plan", at, "search orders");
        LlmObservation second = generation("plan", at.plusSeconds(5), "search orders");
        LlmTrace piece = trace("t-1", "support-agent", at, List.of(first), List.of());
        LlmTrace grown = trace("t-1", "support-agent", at, List.of(first, second), List.of());
        AgentTrace run = AgentTrace.of(piece).absorb(piece, 1000).absorb(grown, 1000);
        assertThat(run.generations()).isEqualTo(2);
        assertThat(run.mostRepeats()).isEqualTo(2);
        assertThat(run.costUsd()).isEqualTo(0.004);
    }

    @Test
    void countsARunAcrossBatchesAndARestartEscalatesAndClearsAfterAQuietPeriod() {
        String app = "support-desk-loop";
        var before = new AgentLoopRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(piece(before, app, "run-1", 0, 8)).isEmpty();
        List<Finding> warning = piece(before, app, "run-1", 8, 4);
        assertThat(warning).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("llm-agent-loop");
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.title()).isEqualTo("Agent loop in support-desk-loop: refund-agent");
            assertThat(firing.labels()).containsEntry("agent", "refund-agent");
            assertThat(firing.observation().detail()).isEqualTo("trace run-1 of agent refund-agent: 12 generations (more than 10)");
        });

        var after = new AgentLoopRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(piece(after, app, "run-1", 12, 9)).as("12 remembered across the restart + 9 = 21").singleElement()
                .extracting(finding -> ((Finding.Firing) finding).severity()).isEqualTo(Severity.CRITICAL);

        Instant last = T0.plusSeconds(20 * 10 + 1);
        assertThat(tick(after, app, last.plus(Duration.ofMinutes(29)))).as("quiet for 29 of 30 minutes").isEmpty();
        assertThat(tick(after, app, last.plus(Duration.ofMinutes(31)))).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void aRunExpiresAfterTheWindow() {
        String app = "support-desk-expiry";
        var rule = new AgentLoopRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        piece(rule, app, "run-2", 0, 8);
        tick(rule, app, T0.plus(Duration.ofHours(2)).plusSeconds(1));
        assertThat(piece(rule, app, "run-2", 100_000, 4)).as("the 8 earlier steps expired: 4 is no loop").isEmpty();
    }

    /** {@code generations} outputs, the first {@code repeats} of them identical, each costing {@code cost}, {@code every} s apart. */
    private static AgentTrace run(int generations, int repeats, double cost, int every) {
        List<LlmObservation> steps = new ArrayList<>();
        for (int i = 0; i < generations; i++) {
            Instant at = T0.plusSeconds((long) i * every);
            steps.add(generation("plan", at, i < repeats ? "I should call search_orders." : "Step " + i + ": call lookup_customer.", cost));
        }
        LlmTrace trace = trace("run", "support-agent", T0, steps, List.of());
        return AgentTrace.of(trace).absorb(trace, 1000);
    }

    /** {@code count} more generations of one run, 10 s apart from step {@code from}, each with a tool call. */
    private static List<Finding> piece(AgentLoopRule rule, String app, String traceId, int from, int count) {
        List<LlmObservation> steps = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant at = T0.plusSeconds(i * 10L);
            steps.add(generation("plan", at, "Step " + i + ": look up order " + (4711 + i)));
            steps.add(tool("lookup_order", at.plusSeconds(1), "{\"order\": " + (4711 + i) + ", \"status\": \"shipped\"}"));
        }
        LlmTrace piece = trace(traceId, "refund-agent", T0.plusSeconds(from * 10L), steps, List.of());
        return RuleDatabase.shared().step(T0.plusSeconds((from + count) * 10L), context -> rule.onSignal(batch(app, List.of(piece)), context));
    }

    private static List<Finding> tick(AgentLoopRule rule, String app, Instant now) {
        return RuleDatabase.shared().step(now, rule::onTick).stream()
                .filter(finding -> finding.fingerprint().startsWith(AgentLoopRule.RULE + "|" + app + "|")).toList();
    }
}
