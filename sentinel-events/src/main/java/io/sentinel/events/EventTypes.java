package io.sentinel.events;

import java.util.Arrays;
import java.util.List;

/** Names of event types: the JSON discriminator and the CloudEvents type derived from it. */
public final class EventTypes {

    static final String CLOUD_EVENT_TYPE_PREFIX = "io.sentinel.events.";

    private EventTypes() {
    }

    /** The JSON {@code type} discriminator: the record's simple name, e.g. {@code IncidentOpened}. */
    public static String name(Class<? extends SentinelEvent> type) {
        return type.getSimpleName();
    }

    public static String cloudEventType(Class<? extends SentinelEvent> type) {
        return CLOUD_EVENT_TYPE_PREFIX + name(type);
    }

    /** Every concrete event type of every topic family. */
    public static List<Class<? extends SentinelEvent>> all() {
        return Arrays.stream(Topic.values())
                .<Class<? extends SentinelEvent>>flatMap(topic -> typesOf(topic).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    public static List<Class<? extends SentinelEvent>> typesOf(Topic topic) {
        return Arrays.stream(topic.family().getPermittedSubclasses())
                .<Class<? extends SentinelEvent>>map(type -> (Class<? extends SentinelEvent>) type)
                .toList();
    }
}
