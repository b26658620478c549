package io.sentinel.detector.baseline;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;

/** Where an hour's value stands against its baseline: the level for the condition, and how bad it is. */
public record SpikeVerdict(Level level, Severity severity, double ratio) {
}
