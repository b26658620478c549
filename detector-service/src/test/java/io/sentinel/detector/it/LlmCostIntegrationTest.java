package io.sentinel.detector.it;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The LLM cost spike end to end: a week of spend learned from traces, then an hour that costs far more. */
class LlmCostIntegrationTest extends SharedDetectorEvents {

    @Test
    void spendFarAboveTheUsualHourlySpendOpensAWarningThatTurnsCritical() {
        Instant hour = Instant.now().truncatedTo(HOURS);
        List<LlmTrace> history = new ArrayList<>();
        for (int hoursAgo = 30; hoursAgo >= 1; hoursAgo--) {
            history.add(trace(hour.minus(hoursAgo, HOURS).plus(10, MINUTES), 0.40));
            history.add(trace(hour.minus(hoursAgo, HOURS).plus(40, MINUTES), 0.60));
        }
        sender.send(batch(history));

        // at :06 the trailing hour is $2 this hour + 90% of the previous hour's $1 = $2.90
        sender.send(batch(List.of(trace(hour.plus(6, MINUTES), 1.20), trace(hour.plus(6, MINUTES), 0.80))));
        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-support-bot"));
        assertThat(opened.rule()).isEqualTo("llm-cost-spike");
        assertThat(opened.target()).as("LLM traces are what a sender says: they name no target").isNull();
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.labels()).containsEntry("team", "support").containsEntry("signal", "llm_cost_usd");
        assertThat(opened.observation().detail()).contains(" 2.9 = 2.9× the 7-day hourly baseline 1 (mean of 30 hours)");

        sender.send(batch(List.of(trace(hour.plus(7, MINUTES), 3.00))));
        IncidentUpdated critical = awaitPublished(IncidentUpdated.class,
                e -> e.incidentId().equals(opened.incidentId()) && e.severity() == Severity.CRITICAL);
        assertThat(critical.observation().value()).as("$5 this hour + 53/60 of $1").isBetween(5.88, 5.89);
    }

    private static LlmTraceBatch batch(List<LlmTrace> traces) {
        return new LlmTraceBatch("langfuse", "it-support-bot", Map.of("team", "support"), traces, Instant.now());
    }

    private static LlmTrace trace(Instant at, double cost) {
        String id = UUID.randomUUID().toString();
        return new LlmTrace(id, "answer-ticket", at, "user-7", "session-7", List.of(new LlmObservation(id + "-generation",
                LlmObservationType.GENERATION, "draft-answer", at, at.plusSeconds(3), "gpt-4o", 1200L, 300L, cost, null, null, "ok")),
                List.of());
    }
}
