package io.sentinel.analyzer.context;

import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import java.util.Comparator;
import java.util.List;

/**
 * Which lines of a log batch the analyzer keeps, and how much of each: errors before other lines,
 * newest first within each, at most as many as a resource may hold, each cut to the configured
 * length (a stack trace to its first lines). Bounded at the door, so one huge batch cannot push
 * everything else out of the store.
 */
public final class LogSelection {

    private static final int STACK_TRACE_LINES = 6;

    private final int maxLines;
    private final int maxChars;

    public LogSelection(ContextProperties properties) {
        this.maxLines = properties.maxStoredLogLines();
        this.maxChars = properties.maxLogLineChars();
    }

    public List<LogLine> keep(LogBatch batch) {
        return batch.entries().stream()
                .sorted(Comparator.comparing(LogEntry::atErrorLevel).reversed().thenComparing(LogEntry::at, Comparator.reverseOrder()))
                .limit(maxLines)
                .map(entry -> new LogLine(entry.level(), cut(entry.message(), maxChars), stackTraceStart(entry.stackTrace()), entry.at()))
                .toList();
    }

    private String stackTraceStart(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return null;
        }
        List<String> lines = stackTrace.lines().limit(STACK_TRACE_LINES).toList();
        return cut(String.join("\n", lines), maxChars);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
