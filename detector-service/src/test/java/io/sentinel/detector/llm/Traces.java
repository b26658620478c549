package io.sentinel.detector.llm;

import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** LLM traces shaped the way Langfuse reports them, for the LLM rules' tests. */
final class Traces {

    private static final AtomicLong IDS = new AtomicLong();

    private Traces() {
    }

    static LlmTraceBatch batch(String application, List<LlmTrace> traces) {
        return new LlmTraceBatch("langfuse", application, Map.of("environment", "production"), traces, Instant.now());
    }

    static LlmTrace trace(String traceId, String agent, Instant at, List<LlmObservation> steps, List<LlmScore> scores) {
        return new LlmTrace(traceId, agent, at, "user-7", "session-3", steps, scores);
    }

    static LlmTrace trace(String agent, Instant at, LlmObservation... steps) {
        return trace("trace-" + IDS.incrementAndGet(), agent, at, List.of(steps), List.of());
    }

    static LlmObservation generation(String name, Instant at, String output) {
        return generation(name, at, output, 0.002);
    }

    static LlmObservation generation(String name, Instant at, String output, double costUsd) {
        return new LlmObservation("obs-" + IDS.incrementAndGet(), LlmObservationType.GENERATION, name, at, at.plusMillis(900),
                "gpt-4o-mini", 812L, 96L, costUsd, "DEFAULT", null, output);
    }

    static LlmObservation failedGeneration(String name, Instant at) {
        return new LlmObservation("obs-" + IDS.incrementAndGet(), LlmObservationType.GENERATION, name, at, at.plusMillis(30_000),
                "gpt-4o-mini", 812L, null, null, "ERROR", "Request timed out after 30s (429 rate limit)", null);
    }

    static LlmObservation tool(String name, Instant at, String output) {
        return new LlmObservation("obs-" + IDS.incrementAndGet(), LlmObservationType.TOOL, name, at, at.plusMillis(120), null, null, null,
                null, "DEFAULT", null, output);
    }

    static LlmObservation failedTool(String name, Instant at) {
        return new LlmObservation("obs-" + IDS.incrementAndGet(), LlmObservationType.TOOL, name, at, at.plusMillis(120), null, null, null,
                null, "ERROR", "HTTP 503 from orders-api", null);
    }

    static LlmScore score(String name, double value) {
        return new LlmScore(name, value, null, "llm-as-a-judge");
    }

    static LlmSetting defaults() {
        return new LlmSetting(
                new LlmSetting.ErrorCascade(Duration.ofMinutes(5), 20, 3.0, 0.10, 0.50),
                new LlmSetting.PromptDrift(20, 20, 0.15, 20, 100, 0.1),
                new LlmSetting.AgentLoop(Duration.ofHours(2), 10, 20, 3, 0.50, Duration.ofMinutes(1),
                        Duration.ofMinutes(30), 10_000, 1000),
                new LlmSetting.SilentToolFailure(Duration.ofMinutes(10), 3, Duration.ofMinutes(10),
                        List.of("error", "exception", "traceback", "failed", "denied", "timeout", "timed out", "not found", "unauthorized",
                                "forbidden")),
                Map.of("get_weather", List.of("temperature", "conditions")));
    }

    static LlmSettings settings(LlmSetting properties) {
        return new LlmSettings(properties, new RuntimeOverlay(new RuntimeSettings()));
    }
}
