package io.sentinel.analyzer.context;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The analyzer's own window on each resource, fed from what it consumes on Kafka: bounded in time
 * and in size, so that a chatty service costs the analyzer a fixed amount of storage.
 *
 * @param signalWindow        how far back the series of a firing signal reach, and how long points are kept
 * @param signalResolution    at most one point per series in each interval this long
 * @param maxSeriesPerBatch   samples of one collection round kept at most (the rest are not stored)
 * @param maxSeriesShown      series of the firing signal an analysis is given at most
 * @param logWindow           how long log lines are kept
 * @param maxLogLines         log lines an analysis is given at most, errors first
 * @param maxStoredLogLines   log lines kept per resource at most, errors kept before other lines
 * @param maxLogLineChars     a log line (and the start of its stack trace) is cut after this many characters
 * @param traceWindow         how long LLM trace summaries are kept
 * @param maxTraces           traces an analysis of an LLM-application incident is given at most, failing ones first
 * @param maxStoredTraces     trace summaries kept per application at most
 * @param retentionInterval   how often expired points, lines and traces are deleted
 */
@ConfigurationProperties("sentinel.analyzer.context")
public record ContextProperties(@DefaultValue("15m") Duration signalWindow,
                                @DefaultValue("15s") Duration signalResolution,
                                @DefaultValue("200") int maxSeriesPerBatch,
                                @DefaultValue("5") int maxSeriesShown,
                                @DefaultValue("30m") Duration logWindow,
                                @DefaultValue("20") int maxLogLines,
                                @DefaultValue("200") int maxStoredLogLines,
                                @DefaultValue("500") int maxLogLineChars,
                                @DefaultValue("30m") Duration traceWindow,
                                @DefaultValue("5") int maxTraces,
                                @DefaultValue("100") int maxStoredTraces,
                                @DefaultValue("1m") Duration retentionInterval) {

    static final String PREFIX = "sentinel.analyzer.context";

    public ContextProperties {
        positive(signalWindow, "signal-window");
        positive(signalResolution, "signal-resolution");
        if (signalResolution.compareTo(signalWindow) > 0) {
            throw new IllegalArgumentException(PREFIX + ".signal-resolution (" + signalResolution + ") must not be longer than "
                    + PREFIX + ".signal-window (" + signalWindow + ")");
        }
        atLeastOne(maxSeriesPerBatch, "max-series-per-batch");
        atLeastOne(maxSeriesShown, "max-series-shown");
        positive(logWindow, "log-window");
        atLeastOne(maxLogLines, "max-log-lines");
        atLeastOne(maxStoredLogLines, "max-stored-log-lines");
        if (maxStoredLogLines < maxLogLines) {
            throw new IllegalArgumentException(PREFIX + ".max-stored-log-lines (" + maxStoredLogLines + ") must be at least "
                    + PREFIX + ".max-log-lines (" + maxLogLines + ")");
        }
        if (maxLogLineChars < 80) {
            throw new IllegalArgumentException(PREFIX + ".max-log-line-chars must be at least 80, was " + maxLogLineChars);
        }
        positive(traceWindow, "trace-window");
        atLeastOne(maxTraces, "max-traces");
        atLeastOne(maxStoredTraces, "max-stored-traces");
        positive(retentionInterval, "retention-interval");
    }

    private static void positive(Duration value, String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + property + " must be a positive duration, was " + value);
        }
    }

    private static void atLeastOne(int value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + "." + property + " must be at least 1, was " + value);
        }
    }
}
