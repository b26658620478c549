package io.sentinel.detector.llmcost;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sentinel.detector.baseline.HourlyBaselines;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmCostSetting;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rule llm-cost-spike against the real database. */
class LlmCostSpikeRuleTest {

    private static final Instant HOUR = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant NOW = HOUR.plus(30, MINUTES);

    private static RuleDatabase db;

    @BeforeAll
    static void migrate() {
        db = RuleDatabase.migrated();
    }

    @Test
    void warnsAboveTwoAndAHalfTimesTheUsualHourlySpendAndEscalatesAboveFive() {
        var rule = rule(new RuntimeSettings());
        history(rule, "support-bot", 30, 1.0);

        // the trailing hour at 12:12: $3 this hour + 80% of the previous hour's $1
        Finding warning = spend(rule, "support-bot", 12, 1.5, 1.5).getFirst();
        assertThat(warning).isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("llm-cost-spike");
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.observation().signal()).isEqualTo("llm_cost_usd");
            assertThat(firing.observation().value()).isCloseTo(3.8, within(1e-9));
            assertThat(firing.observation().detail()).contains("3.8 = 3.8× the 7-day hourly baseline 1 (mean of 30 hours)");
        });
        spend(rule, "support-bot", 13, 2.5);

        IncidentOpened opened = db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals("support-bot")).findFirst()
                .orElseThrow();
        assertThat(opened.title()).isEqualTo("LLM spend of support-bot far above its usual hourly spend");
        assertThat(opened.labels()).containsEntry("team", "support");
        IncidentUpdated critical = db.published(IncidentUpdated.class).stream().filter(u -> u.incidentId().equals(opened.incidentId()))
                .findFirst().orElseThrow();
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void judgesNothingUntilTheBaselineHasMinHistoryHoursWithSpend() {
        var rule = rule(new RuntimeSettings());
        history(rule, "young-bot", 23, 1.0);
        assertThat(spend(rule, "young-bot", 10, 50)).isEmpty();
    }

    @Test
    void spendWithinTheUsualRangeFiresNothing() {
        var rule = rule(new RuntimeSettings());
        history(rule, "steady-bot", 30, 1.0);
        assertThat(spend(rule, "steady-bot", 40, 0.6, 0.6)).as("1.2 + 1/3 of 1").isEmpty();
    }

    @Test
    void aRestartedDetectorCountsTheSpikeOnTheOpenIncidentAndClearsItWhenSpendFalls() {
        history(rule(new RuntimeSettings()), "restart-bot", 30, 1.0);
        spend(rule(new RuntimeSettings()), "restart-bot", 5, 3);

        var restarted = rule(new RuntimeSettings());
        assertThat(spend(restarted, "restart-bot", 6, 0.1)).singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals("restart-bot"))).hasSize(1);
        // next hour: $0.10 so far plus the pro-rated $3.10 of the spiking hour decays as the hour goes on
        assertThat(spendAt(restarted, "restart-bot", HOUR.plus(1, HOURS).plus(20, MINUTES), 0.1)).as("0.1 + 2/3 of 3.1 = 2.17: the band")
                .isEmpty();
        assertThat(spendAt(restarted, "restart-bot", HOUR.plus(1, HOURS).plus(40, MINUTES), 0.1)).as("0.2 + 1/3 of 3.1 = 1.23")
                .singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void factorsChangeAtRuntime() {
        var rule = rule(RuleDatabase.settings("detector.llm-cost", """
                {"warning-factor": 10, "critical-factor": 20, "min-history": 1}"""));
        history(rule, "tuned-bot", 1, 1.0);
        assertThat(spend(rule, "tuned-bot", 59, 5)).as("5x is under the tuned 10x").isEmpty();
        assertThat(spend(rule, "tuned-bot", 59, 6)).singleElement().isInstanceOf(Finding.Firing.class);
    }

    @Test
    void badFactorsNameTheField() {
        assertThatThrownBy(() -> new LlmCostSetting(3.0, 2.0, null, null))
                .hasMessageStartingWith("critical-factor (2.0) must not be under warning-factor (3.0)");
    }

    private static LlmCostSpikeRule rule(RuntimeSettings settings) {
        return new LlmCostSpikeRule(LlmCostSetting.DEFAULTS, new RuntimeOverlay(settings), new HourlyBaselines(), new Conditions(),
                KeyLimits.unlimited());
    }

    /** {@code hours} hours before HOUR, each with two traces costing {@code perHour} together. */
    private static void history(LlmCostSpikeRule rule, String application, int hours, double perHour) {
        List<LlmTrace> traces = new ArrayList<>();
        for (int hour = hours; hour >= 1; hour--) {
            traces.add(trace(HOUR.minus(hour, HOURS).plus(10, MINUTES), perHour / 2));
            traces.add(trace(HOUR.minus(hour, HOURS).plus(40, MINUTES), perHour / 2));
        }
        db.signal(rule, batch(application, traces), NOW);
    }

    private static List<Finding> spend(LlmCostSpikeRule rule, String application, int minute, double... costs) {
        return spendAt(rule, application, HOUR.plus(minute, MINUTES), costs);
    }

    private static List<Finding> spendAt(LlmCostSpikeRule rule, String application, Instant at, double... costs) {
        List<LlmTrace> traces = new ArrayList<>();
        for (double cost : costs) {
            traces.add(trace(at, cost));
        }
        return db.signal(rule, batch(application, traces), at.isAfter(NOW) ? at : NOW);
    }

    private static LlmTraceBatch batch(String application, List<LlmTrace> traces) {
        return new LlmTraceBatch("langfuse", application, Map.of("team", "support"), traces, traces.getLast().timestamp());
    }

    /** A trace whose cost is split over a generation and a tool call without cost. */
    private static LlmTrace trace(Instant at, double cost) {
        String id = UUID.randomUUID().toString();
        return new LlmTrace(id, "answer", at, "user-1", "session-1", List.of(
                new LlmObservation(id + "-gen", LlmObservationType.GENERATION, "llm", at, at.plusSeconds(2), "gpt", 100L, 50L, cost, null,
                        null, "ok"),
                new LlmObservation(id + "-tool", LlmObservationType.TOOL, "search", at, at.plusSeconds(1), null, null, null, null, null,
                        null, "ok")), List.of());
    }
}
