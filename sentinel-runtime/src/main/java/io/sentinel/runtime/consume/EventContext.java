package io.sentinel.runtime.consume;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.EventTypes;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import io.sentinel.runtime.outbox.EventOutbox;
import org.jdbi.v3.core.Handle;

/**
 * The transaction an event is handled in: the handler's reads and writes, the events it publishes
 * in reaction, and the inbox entry that marks the event processed all commit together or not at all.
 */
public final class EventContext {

    private final Handle handle;
    private final EventEnvelope<?> cause;
    private final EventOutbox outbox;
    private int published;

    EventContext(Handle handle, EventEnvelope<?> cause, EventOutbox outbox) {
        this.handle = handle;
        this.cause = cause;
        this.outbox = outbox;
    }

    public Handle handle() {
        return handle;
    }

    public <T> T attach(Class<T> sqlObjectType) {
        return handle.attach(sqlObjectType);
    }

    /** The event being handled. */
    public EventEnvelope<?> cause() {
        return cause;
    }

    /** Publishes a reaction in the cause's trace. */
    public <E extends SentinelEvent> EventEnvelope<E> publish(E event) {
        return publish(event, cause.traceParent().child());
    }

    /**
     * Publishes a reaction in the given trace, for reactions that belong to another trace than their
     * cause (a signal that clears an incident belongs to the incident's trace, not the signal's).
     * The event id is derived from the cause, so reprocessing the cause republishes the same ids.
     */
    public <E extends SentinelEvent> EventEnvelope<E> publish(E event, TraceParent trace) {
        String qualifier = EventTypes.name(event.getClass()) + '#' + event.key() + '#' + published++;
        return outbox.publish(handle, event, EventIds.derive(cause.id(), qualifier), trace);
    }
}
