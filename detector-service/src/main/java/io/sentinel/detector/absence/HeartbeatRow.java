package io.sentinel.detector.absence;

import java.time.Instant;

/** A heartbeat as stored; {@code labels} is JSON text. */
public record HeartbeatRow(String name, String labels, Long everyMs, Long graceMs, Instant watchedSince, Instant lastBeatAt) {
}
