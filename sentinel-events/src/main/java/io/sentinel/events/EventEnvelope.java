package io.sentinel.events;

import java.time.Instant;

/**
 * An event with its CloudEvents attributes. On Kafka the attributes travel as binary-mode headers
 * ({@code ce_id}, {@code ce_type}, ...) and the event itself is the JSON value.
 *
 * @param id          ce_id; unique per event, deterministic where the event is a reaction to another
 * @param source      ce_source; the service that published the event
 * @param time        ce_time
 * @param traceParent the W3C trace context the event belongs to
 */
public record EventEnvelope<E extends SentinelEvent>(String id, String source, Instant time, TraceParent traceParent, E event) {

    public EventEnvelope {
        EventFields.requireText(id, "ce_id");
        EventFields.requireText(source, "ce_source");
        EventFields.require(time, "ce_time");
        EventFields.require(traceParent, "traceparent");
        EventFields.require(event, "event");
    }

    /** ce_type, e.g. {@code io.sentinel.events.IncidentOpened}. */
    public String type() {
        return EventTypes.cloudEventType(event.getClass());
    }

    /** ce_subject: the incident the event is about, if any. */
    public String subject() {
        return event instanceof IncidentScoped scoped ? scoped.incidentId() : null;
    }

    public Topic topic() {
        return Topic.of(event);
    }

    public String key() {
        return event.key();
    }
}
