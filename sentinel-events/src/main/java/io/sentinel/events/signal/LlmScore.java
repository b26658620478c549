package io.sentinel.events.signal;

import io.sentinel.events.EventFields;

/** An evaluation score attached to a trace (or one of its observations), as Langfuse records them. */
public record LlmScore(String name, double value, String observationId, String comment) {

    public LlmScore {
        EventFields.requireText(name, "name");
        EventFields.requireFinite(value, "value");
    }
}
