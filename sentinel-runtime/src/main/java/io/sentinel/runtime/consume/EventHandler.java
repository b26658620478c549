package io.sentinel.runtime.consume;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;

/** Reacts to one event, inside the transaction that also records it as processed. */
@FunctionalInterface
public interface EventHandler<E extends SentinelEvent> {

    void handle(EventEnvelope<E> envelope, EventContext context);
}
