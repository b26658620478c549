package io.sentinel.detector.engine;

import io.sentinel.detector.rule.DetectionContext;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Runs a piece of a tick's work in a unit of work of its own, on one detector replica at a time
 * (the database shell takes a lock), so a missed heartbeat opens one incident, not one per replica.
 */
public interface TickRunner {

    /** @param what names the work, for the unit of work's id and for logs */
    void run(Instant now, String what, Consumer<DetectionContext> work);
}
