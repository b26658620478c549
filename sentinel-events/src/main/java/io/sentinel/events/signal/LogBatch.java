package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Log entries of one service, ingested together. */
public record LogBatch(String source, String resource, Map<String, String> labels, List<LogEntry> entries, Instant receivedAt)
        implements SignalEvent {

    public LogBatch {
        EventFields.requireText(source, "source");
        EventFields.requireText(resource, "resource");
        labels = EventFields.copyOf(labels);
        entries = EventFields.requireNonEmpty(entries, "entries");
        EventFields.require(receivedAt, "receivedAt");
    }
}
