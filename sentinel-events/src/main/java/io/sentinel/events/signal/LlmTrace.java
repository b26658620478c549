package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.List;

/** One run of an LLM application: its generations, tool calls and spans, and its evaluation scores. */
public record LlmTrace(String traceId, String name, Instant timestamp, String userId, String sessionId,
                       List<LlmObservation> observations, List<LlmScore> scores) {

    public LlmTrace {
        EventFields.requireText(traceId, "traceId");
        EventFields.requireText(name, "name");
        EventFields.require(timestamp, "timestamp");
        observations = EventFields.copyOf(observations);
        scores = EventFields.copyOf(scores);
    }

    public List<LlmObservation> generations() {
        return observations.stream().filter(o -> o.type() == LlmObservationType.GENERATION).toList();
    }

    public List<LlmObservation> toolCalls() {
        return observations.stream().filter(o -> o.type() == LlmObservationType.TOOL).toList();
    }

    /** What the trace cost, summed over its generations with a known cost. */
    public double costUsd() {
        return observations.stream().filter(o -> o.costUsd() != null).mapToDouble(LlmObservation::costUsd).sum();
    }
}
