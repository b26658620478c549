package io.sentinel.runtime.kafka;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import java.time.Clock;

/** Wraps events this service publishes in envelopes naming it as their source. */
public final class EventEnvelopes {

    private final String source;
    private final Clock clock;

    public EventEnvelopes(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public <E extends SentinelEvent> EventEnvelope<E> wrap(E event, String eventId, TraceParent trace) {
        return new EventEnvelope<>(eventId, source, clock.instant(), trace, event);
    }

    public String source() {
        return source;
    }
}
