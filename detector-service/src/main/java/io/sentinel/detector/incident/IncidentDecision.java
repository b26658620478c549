package io.sentinel.detector.incident;

import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the incident manager decided: the changes to write and the events to publish, in order. Both
 * happen in the same unit of work, or neither.
 */
public record IncidentDecision(List<IncidentChange> changes, List<Publication> publications) {

    public static final IncidentDecision NOTHING = new IncidentDecision(List.of(), List.of());

    public IncidentDecision {
        changes = List.copyOf(changes);
        publications = List.copyOf(publications);
    }

    /** An event and the trace it continues. */
    public record Publication(IncidentEvent event, TraceParent trace) {
    }

    public boolean isEmpty() {
        return changes.isEmpty() && publications.isEmpty();
    }

    public <E extends IncidentEvent> List<E> published(Class<E> type) {
        return publications.stream().map(Publication::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** Collects a decision while the manager works through a finding or a verdict. */
    static final class Builder {

        private final List<IncidentChange> changes = new ArrayList<>();
        private final List<Publication> publications = new ArrayList<>();

        Builder change(IncidentChange change) {
            changes.add(change);
            return this;
        }

        Builder publish(IncidentEvent event, TraceParent trace) {
            publications.add(new Publication(event, trace));
            return this;
        }

        IncidentDecision build() {
            return changes.isEmpty() && publications.isEmpty() ? NOTHING : new IncidentDecision(changes, publications);
        }
    }
}
