package io.sentinel.events;

/**
 * A record that does not honour the event contract: unreadable JSON, an unknown type, a missing
 * required field, headers that contradict the payload. Such a record is poison: retrying cannot fix
 * it, so consumers route it to the topic's dead-letter topic with this message as the reason.
 */
public final class EventContractViolation extends RuntimeException {

    public EventContractViolation(String message) {
        super(message);
    }

    public EventContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
