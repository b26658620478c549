package io.sentinel.collector.derive;

import java.time.Instant;

/** How recent a value computed from several measurements is. */
final class Timestamps {

    private Timestamps() {
    }

    /** As recent as the later measurement; a measurement without its own time says nothing. */
    static Instant later(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }
}
