package io.sentinel.detector.rule;

import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Detection in reaction to a consumed event, inside that event's transaction. */
public final class EventDetectionContext implements DetectionContext {

    private final EventContext context;
    private final Clock clock;

    public EventDetectionContext(EventContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    @Override
    public Handle handle() {
        return context.handle();
    }

    @Override
    public String causationId() {
        return context.cause().id();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void publish(IncidentEvent event, TraceParent trace) {
        context.publish(event, trace);
    }
}
