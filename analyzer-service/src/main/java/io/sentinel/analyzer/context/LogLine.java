package io.sentinel.analyzer.context;

import java.time.Instant;

/** A stored log line, cut to the configured length; {@code stackTrace} holds its first lines, if any. */
public record LogLine(String level, String message, String stackTrace, Instant at) {

    public boolean error() {
        return level.equals("ERROR") || level.equals("FATAL");
    }
}
