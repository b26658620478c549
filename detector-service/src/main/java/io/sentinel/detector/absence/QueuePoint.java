package io.sentinel.detector.absence;

import java.time.Instant;

/** A queue's depth and consumption rate at one instant; either may be missing from a collection round. */
public record QueuePoint(Instant at, Double depth, Double consumed) {
}
