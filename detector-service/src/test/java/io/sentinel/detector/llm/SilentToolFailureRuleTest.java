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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Silent tool failures on the detector's real tables. */
class SilentToolFailureRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void firesOnTheThirdSilentFailureWithinTenMinutesAndClearsAfterAQuietWindow() {
        var rule = new SilentToolFailureRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        String app = "order-assistant-silent";
        assertThat(call(rule, app, 0, "[]")).isEmpty();
        assertThat(call(rule, app, 60, "[{\"order\": 4711}]")).as("a real result").isEmpty();
        assertThat(call(rule, app, 120, "{\"results\": [], \"error\": \"index orders_v2 not found\"}")).isEmpty();
        List<Finding> third = call(rule, app, 500, "");
        assertThat(third).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("llm-silent-tool-failure");
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.title()).isEqualTo("Silent failures of tool search_orders in order-assistant-silent");
            assertThat(firing.labels()).containsEntry("tool", "search_orders");
            assertThat(firing.observation().value()).isEqualTo(3.0);
            assertThat(firing.observation().detail()).startsWith("3 calls of search_orders reported success but failed within 10m; latest")
                    .endsWith("an empty string");
        });

        Instant last = T0.plusSeconds(500).plusMillis(120);
        assertThat(tick(rule, app, last.plus(Duration.ofMinutes(9)))).isEmpty();
        assertThat(tick(rule, app, last.plus(Duration.ofMinutes(11)))).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void failuresSpreadWiderThanTheWindowDoNotFire() {
        var rule = new SilentToolFailureRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        String app = "order-assistant-spread";
        call(rule, app, 0, "[]");
        call(rule, app, 400, "[]");
        assertThat(call(rule, app, 601, "[]")).as("the first is more than 10 minutes before the third").isEmpty();
        assertThat(call(rule, app, 700, "[]")).as("400, 601 and 700 are within 10 minutes").hasSize(1);
    }

    @Test
    void aRestartedRuleRemembersTheEarlierFailuresAndTheOngoingEpisode() {
        String app = "order-assistant-restart";
        var before = new SilentToolFailureRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        call(before, app, 0, "[]");
        call(before, app, 10, "[]");

        var after = new SilentToolFailureRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(call(after, app, 20, "[]")).as("two before the restart, one after").hasSize(1);

        var again = new SilentToolFailureRule(Traces.settings(Traces.defaults()), KeyLimits.unlimited());
        assertThat(call(again, app, 2000, "[]")).as("alone in its window, but the episode is still on: a repeat to count").hasSize(1);
    }

    private static List<Finding> call(SilentToolFailureRule rule, String app, int second, String output) {
        Instant at = T0.plusSeconds(second);
        var trace = trace("order-agent", at, generation("plan", at, "{\"tool\": \"search_orders\"}"),
                tool("search_orders", at, output));
        return RuleDatabase.shared().step(at.plusSeconds(1), context -> rule.onSignal(batch(app, List.of(trace)), context));
    }

    private static List<Finding> tick(SilentToolFailureRule rule, String app, Instant now) {
        return RuleDatabase.shared().step(now, rule::onTick).stream()
                .filter(finding -> finding.fingerprint().startsWith(SilentToolFailureRule.RULE + "|" + app + "|")).toList();
    }
}
