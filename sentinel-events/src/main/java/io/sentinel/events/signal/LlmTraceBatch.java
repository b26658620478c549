package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Traces of one LLM application, ingested together. The resource is the application. */
public record LlmTraceBatch(String source, String resource, Map<String, String> labels, List<LlmTrace> traces, Instant receivedAt)
        implements SignalEvent {

    public LlmTraceBatch {
        EventFields.requireText(source, "source");
        EventFields.requireText(resource, "resource");
        labels = EventFields.copyOf(labels);
        traces = EventFields.requireNonEmpty(traces, "traces");
        EventFields.require(receivedAt, "receivedAt");
    }
}
