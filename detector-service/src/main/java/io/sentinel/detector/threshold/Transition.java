package io.sentinel.detector.threshold;

import java.time.Instant;

/** What a value did to a condition. */
public sealed interface Transition {

    /** Nothing to do. */
    record Quiet() implements Transition {
    }

    /** The condition holds, not yet for long enough. */
    record Pending(Instant since) implements Transition {
    }

    /** The condition stopped holding before it held long enough: no incident, and the clock restarts. */
    record Reset() implements Transition {
    }

    /** The condition held for the full duration: open an incident. */
    record Opened(Instant since) implements Transition {
    }

    /**
     * An incident is open and the condition has not cleared.
     *
     * @param breached whether this value is above the threshold (not merely above the clear level)
     */
    record Persisting(boolean breached) implements Transition {
    }

    /** The value fell below the clear level. */
    record Cleared() implements Transition {
    }

    /** The condition came back after clearing, while the incident is still open. */
    record Returned() implements Transition {
    }
}
