package io.sentinel.events.settings.detector;

import io.sentinel.events.incident.Severity;
import java.time.Duration;

/**
 * Rule {@code queue-stuck}: a queue whose depth grew by more than {@code min-growth} over {@code window}
 * while nothing was consumed throughout ({@code sentinel.detector.absence.stuck-queue}, or the runtime
 * setting {@code detector.absence.stuck-queue}, which replaces the block; fields it leaves out take the defaults).
 *
 * @param window    how long the queue must have been growing without consumption (default 2m); it must span at
 *                  least two collection rounds
 * @param minGrowth depth growth over the window that counts as rising (default 10)
 * @param severity  of the incident (default warning)
 */
public record StuckQueueSetting(Duration window, Double minGrowth, Severity severity) {

    public static final StuckQueueSetting DEFAULTS = new StuckQueueSetting(null, null, null);

    public StuckQueueSetting {
        window = window == null ? Duration.ofMinutes(2) : window;
        minGrowth = minGrowth == null ? 10.0 : minGrowth;
        severity = severity == null ? Severity.WARNING : severity;
        if (!window.isPositive()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (!(minGrowth >= 0) || minGrowth.isInfinite()) {
            throw new IllegalArgumentException("min-growth must be a non-negative number, was " + minGrowth);
        }
    }
}
