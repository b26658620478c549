package io.sentinel.events.signal;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.Map;

/** One log line or error report. {@code level} is upper-case: TRACE, DEBUG, INFO, WARN, ERROR, FATAL. */
public record LogEntry(String level, String message, String stackTrace, Instant at, Map<String, String> attributes) {

    public LogEntry {
        EventFields.requireText(level, "level");
        EventFields.requireText(message, "message");
        EventFields.require(at, "at");
        attributes = EventFields.copyOf(attributes);
    }

    public boolean atErrorLevel() {
        return level.equals("ERROR") || level.equals("FATAL");
    }
}
