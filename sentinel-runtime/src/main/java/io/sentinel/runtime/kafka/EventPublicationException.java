package io.sentinel.runtime.kafka;

/** The broker did not acknowledge events in time; nothing is known to be published. */
public final class EventPublicationException extends RuntimeException {

    public EventPublicationException(String message) {
        super(message);
    }
}
