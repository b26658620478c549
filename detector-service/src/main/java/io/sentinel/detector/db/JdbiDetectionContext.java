package io.sentinel.detector.db;

import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.events.EventIds;
import io.sentinel.events.EventTypes;
import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.runtime.consume.EventContext;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;

/**
 * A {@link DetectionContext} in a database transaction: the stores are {@link Stores}' SQL objects on
 * the transaction's handle, the events go to the outbox in the same transaction.
 */
public final class JdbiDetectionContext implements DetectionContext {

    private final Handle handle;
    private final String causationId;
    private final Instant now;
    private final BiConsumer<IncidentEvent, TraceParent> publisher;
    private final Map<Class<?>, Object> stores = new HashMap<>();

    public JdbiDetectionContext(Handle handle, String causationId, Instant now, BiConsumer<IncidentEvent, TraceParent> publisher) {
        this.handle = handle;
        this.causationId = causationId;
        this.now = now;
        this.publisher = publisher;
    }

    /**
     * In reaction to a consumed event, inside that event's transaction. {@code now} is the detector's
     * clock when it handles the event, taken once: what "the detector saw it at" means.
     */
    public static JdbiDetectionContext of(EventContext context, Clock clock) {
        return new JdbiDetectionContext(context.handle(), context.cause().id(), clock.instant(), context::publish);
    }

    /**
     * On a clock tick, in a transaction of its own. Event ids derive from the tick, the event type and
     * its incident, so a tick that is retried after a crash republishes the same ids.
     */
    public static JdbiDetectionContext ofTick(Handle handle, EventOutbox outbox, String tickId, Instant now) {
        return new JdbiDetectionContext(handle, tickId, now, (event, trace) -> outbox.publish(handle, event,
                EventIds.derive(tickId, EventTypes.name(event.getClass()) + '|' + event.incidentId()), trace));
    }

    @Override
    public String causationId() {
        return causationId;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public <S> S store(Class<S> port) {
        return port.cast(stores.computeIfAbsent(port, type -> handle.attach(Stores.daoFor(type))));
    }

    @Override
    public void publish(IncidentEvent event, TraceParent trace) {
        publisher.accept(event, trace);
    }
}
