package io.sentinel.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids. Derived ids are a pure function of the causing event and the stage that reacted to it,
 * so a stage that crashes after publishing and then reprocesses its input publishes the same id
 * again, and every consumer's inbox recognises the duplicate.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String derive(String causationId, String qualifier) {
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(qualifier, "qualifier");
        return UUID.nameUUIDFromBytes((causationId + '|' + qualifier).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
