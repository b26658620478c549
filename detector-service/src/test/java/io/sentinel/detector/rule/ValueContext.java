package io.sentinel.detector.rule;

import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link DetectionContext} over values: the stores a test hands it, the events it publishes kept in
 * a list. What decides on values (the incident manager, the rules' judgements) runs here without a
 * database; a store nobody handed it is a test that reached further than it meant to.
 */
public final class ValueContext implements DetectionContext {

    private final Instant now;
    private final String causationId;
    private final Map<Class<?>, Object> stores;
    private final List<IncidentEvent> published = new ArrayList<>();

    public ValueContext(Instant now, String causationId, Map<Class<?>, Object> stores) {
        this.now = now;
        this.causationId = causationId;
        this.stores = Map.copyOf(stores);
    }

    /** No stores at all: for rules that judge the signal alone. */
    public static ValueContext withoutStores(Instant now) {
        return new ValueContext(now, "cause-" + now.toEpochMilli(), Map.of());
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
        Object store = stores.get(port);
        if (store == null) {
            throw new IllegalStateException("this test gave the context no " + port.getSimpleName());
        }
        return port.cast(store);
    }

    @Override
    public void publish(IncidentEvent event, TraceParent trace) {
        published.add(event);
    }

    public List<IncidentEvent> published() {
        return List.copyOf(published);
    }
}
