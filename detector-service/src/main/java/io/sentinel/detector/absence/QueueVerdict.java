package io.sentinel.detector.absence;

import io.sentinel.detector.rule.Level;
import java.time.Instant;

/**
 * Where a queue stands.
 *
 * @param depth     its latest depth
 * @param reference the depth it had to exceed to count as stuck (while it is), else null
 * @param at        the latest depth's time
 */
public record QueueVerdict(Level level, double depth, Double reference, Instant at, String detail) {
}
