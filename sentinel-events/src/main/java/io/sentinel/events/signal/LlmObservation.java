package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;

/**
 * One step of an LLM application's trace, shaped after Langfuse's observation: a model generation, a
 * tool call or a span.
 *
 * @param level    Langfuse's level: DEBUG, DEFAULT, WARNING or ERROR
 * @param output   the step's output as text (the collector truncates long outputs)
 * @param costUsd  what the step cost, for generations, when known
 */
public record LlmObservation(String id, LlmObservationType type, String name, Instant startTime, Instant endTime, String model,
                             Long inputTokens, Long outputTokens, Double costUsd, String level, String statusMessage, String output) {

    public LlmObservation {
        EventFields.requireText(id, "id");
        EventFields.require(type, "type");
        EventFields.requireText(name, "name");
        EventFields.require(startTime, "startTime");
        level = level == null ? "DEFAULT" : level;
        if (costUsd != null) {
            EventFields.requireFinite(costUsd, "costUsd");
        }
    }

    public boolean failed() {
        return level.equals("ERROR");
    }
}
