package io.sentinel.analyzer.context;

import java.time.Instant;
import java.util.Map;

/**
 * What an analysis needs to know of one LLM-application trace, rather than the trace itself.
 *
 * @param failedSteps observations at level ERROR
 * @param problem     the first failing step's status message (or output), cut short; null when none failed
 */
public record TraceSummary(String traceId, String name, Instant at, int generations, int toolCalls, int failedSteps, double costUsd,
                           long tokens, Map<String, Double> scores, String problem) {

    public TraceSummary {
        scores = scores == null ? Map.of() : Map.copyOf(scores);
    }
}
