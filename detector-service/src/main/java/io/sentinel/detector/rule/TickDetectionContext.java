package io.sentinel.detector.rule;

import io.sentinel.events.EventIds;
import io.sentinel.events.EventTypes;
import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Detection on a clock tick, in a transaction of its own. Event ids derive from the tick, the event
 * type and its incident, so a tick that is retried after a crash republishes the same ids.
 */
public final class TickDetectionContext implements DetectionContext {

    private final Handle handle;
    private final EventOutbox outbox;
    private final String tickId;
    private final Instant now;

    public TickDetectionContext(Handle handle, EventOutbox outbox, String tickId, Instant now) {
        this.handle = handle;
        this.outbox = outbox;
        this.tickId = tickId;
        this.now = now;
    }

    @Override
    public Handle handle() {
        return handle;
    }

    @Override
    public String causationId() {
        return tickId;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void publish(IncidentEvent event, TraceParent trace) {
        outbox.publish(handle, event, EventIds.derive(tickId, EventTypes.name(event.getClass()) + '|' + event.incidentId()), trace);
    }
}
