package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The LLM application failure classes end to end, each on traces shaped like Langfuse's: an error
 * cascade, prompt drift (outputs and evaluation scores), an agent loop, silent tool failures.
 */
class LlmFailureIntegrationTest extends SharedDetectorEvents {

    private static final String GOOD_TRIAGE = "{\"category\": \"billing\", \"priority\": 2, \"reply\": \"We refunded order 4711.\"}";

    @Test
    void aJumpInFailedTracesOpensAnErrorCascadeThatTurnsCritical() {
        String app = "it-support-bot-cascade";
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(15, ChronoUnit.MINUTES);
        send(app, spread(start, 30, 1));
        send(app, spread(start.plusSeconds(300), 30, 12));

        IncidentOpened opened = awaitOpened(app, "llm-error-cascade");
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.title()).isEqualTo("Error cascade in it-support-bot-cascade: 40% of traces failed in the last 5m");
        assertThat(opened.observation().value()).isEqualTo(0.4);

        send(app, spread(start.plusSeconds(600), 30, 27));
        IncidentUpdated critical = awaitPublished(IncidentUpdated.class,
                e -> e.incidentId().equals(opened.incidentId()) && e.severity() == Severity.CRITICAL);
        assertThat(critical.observation().value()).isEqualTo(0.9);
    }

    @Test
    void outputsThatStopMatchingTheirLearnedSchemaOpenPromptDrift() {
        String app = "it-ticket-triage-drift";
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES);
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String output = i >= 20 && i % 4 == 0 ? "Sure! This one is about billing and it looks urgent." : GOOD_TRIAGE;
            Instant at = start.plusSeconds(i * 5L);
            traces.add(trace("triage-agent", at, generation("classify-ticket", at, output, 0.001)));
        }
        send(app, traces);

        IncidentOpened opened = awaitOpened(app, "llm-prompt-drift");
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.labels()).containsEntry("generation", "classify-ticket");
        assertThat(opened.observation().value()).as("5 of the latest 20").isEqualTo(0.25);
        assertThat(opened.observation().detail()).contains("latest: not JSON");
    }

    @Test
    void aDropInEvaluationScoresOpensPromptDrift() {
        String app = "it-answer-quality";
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant at = start.plusSeconds(i * 20L);
            traces.add(new LlmTrace(UUID.randomUUID().toString(), "qa-agent", at, "user-" + i, null,
                    List.of(generation("answer", at, "Paris is the capital of France.", 0.001)),
                    List.of(new LlmScore("faithfulness", i < 100 ? 0.92 : 0.61, null, "ragas"))));
        }
        send(app, traces);

        IncidentOpened opened = awaitOpened(app, "llm-prompt-drift");
        assertThat(opened.title()).isEqualTo("Evaluation score 'faithfulness' dropped in it-answer-quality");
        assertThat(opened.labels()).containsEntry("score", "faithfulness");
    }

    @Test
    void anAgentRunThatKeepsGoingOpensAWarningThatTurnsCriticalAcrossPieces() {
        String app = "it-refund-agent-loop";
        String traceId = UUID.randomUUID().toString();
        Instant start = Instant.now().minus(20, ChronoUnit.MINUTES);
        send(app, List.of(loopingPiece(traceId, start, 0, 12)));

        IncidentOpened opened = awaitOpened(app, "llm-agent-loop");
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.title()).isEqualTo("Agent loop in it-refund-agent-loop: refund-agent");
        assertThat(opened.observation().detail()).contains("12 generations (more than 10)");

        send(app, List.of(loopingPiece(traceId, start, 12, 10)));
        IncidentUpdated critical = awaitPublished(IncidentUpdated.class,
                e -> e.incidentId().equals(opened.incidentId()) && e.severity() == Severity.CRITICAL);
        assertThat(critical.observation().detail()).contains("22 generations (more than 20)");
    }

    @Test
    void toolCallsThatSucceedWithNothingOpenSilentToolFailures() {
        String app = "it-order-assistant";
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES);
        List<LlmTrace> traces = new ArrayList<>();
        String[] outputs = {"[]", "{\"orders\": [{\"id\": 4711}]}", "{\"orders\": [], \"error\": \"index orders_v2 not found\"}", ""};
        for (int i = 0; i < outputs.length; i++) {
            Instant at = start.plusSeconds(i * 30L);
            traces.add(trace("order-agent", at, generation("plan", at, "{\"tool\": \"search_orders\"}", 0.001),
                    tool("search_orders", at, outputs[i])));
        }
        send(app, traces);

        IncidentOpened opened = awaitOpened(app, "llm-silent-tool-failure");
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.title()).isEqualTo("Silent failures of tool search_orders in it-order-assistant");
        assertThat(opened.observation().value()).isEqualTo(3.0);
    }

    @Test
    void aToolResultWithoutItsConfiguredKeysIsASilentFailure() {
        String app = "it-travel-assistant";
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES);
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant at = start.plusSeconds(i * 30L);
            traces.add(trace("travel-agent", at, tool("get_weather", at, "{\"temperature\": 21.5, \"unit\": \"C\"}")));
        }
        send(app, traces);

        IncidentOpened opened = awaitOpened(app, "llm-silent-tool-failure");
        assertThat(opened.labels()).containsEntry("tool", "get_weather");
        assertThat(opened.observation().detail()).endsWith("missing expected keys [conditions]");
    }

    private static IncidentOpened awaitOpened(String app, String rule) {
        return awaitPublished(IncidentOpened.class, e -> e.resource().equals(app) && e.rule().equals(rule));
    }

    private static void send(String app, List<LlmTrace> traces) {
        sender.send(new LlmTraceBatch("langfuse", app, Map.of("team", "ai-platform"), traces, Instant.now()));
    }

    /** {@code count} traces over 5 minutes from {@code from}; the first {@code failed} of them fail at the tool call. */
    private static List<LlmTrace> spread(Instant from, int count, int failed) {
        List<LlmTrace> traces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = from.plusSeconds(i * 10L);
            LlmObservation lookup = i < failed
                    ? new LlmObservation(UUID.randomUUID().toString(), LlmObservationType.TOOL, "lookup_order", at, at.plusMillis(200), null,
                            null, null, null, "ERROR", "HTTP 503 from orders-api", null)
                    : tool("lookup_order", at, "{\"order\": 4711, \"status\": \"shipped\"}");
            traces.add(trace("support-agent", at, generation("answer", at, "Your order ships tomorrow.", 0.002), lookup));
        }
        return traces;
    }

    private static LlmTrace loopingPiece(String traceId, Instant start, int from, int count) {
        List<LlmObservation> steps = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant at = start.plusSeconds(i * 20L);
            steps.add(generation("plan", at, "Step " + i + ": check refund status for order " + (4711 + i), 0.003));
            steps.add(tool("refund_status", at.plusSeconds(2), "{\"status\": \"pending\"}"));
        }
        return new LlmTrace(traceId, "refund-agent", start, "user-42", "session-9", steps, List.of());
    }

    private static LlmTrace trace(String name, Instant at, LlmObservation... steps) {
        return new LlmTrace(UUID.randomUUID().toString(), name, at, "user-7", "session-7", List.of(steps), List.of());
    }

    private static LlmObservation generation(String name, Instant at, String output, double cost) {
        return new LlmObservation(UUID.randomUUID().toString(), LlmObservationType.GENERATION, name, at, at.plusMillis(900), "gpt-4o-mini",
                640L, 120L, cost, "DEFAULT", null, output);
    }

    private static LlmObservation tool(String name, Instant at, String output) {
        return new LlmObservation(UUID.randomUUID().toString(), LlmObservationType.TOOL, name, at, at.plusMillis(150), null, null, null,
                null, "DEFAULT", null, output);
    }
}
