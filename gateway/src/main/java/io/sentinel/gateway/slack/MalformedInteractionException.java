package io.sentinel.gateway.slack;

/** A signed request whose payload Sentinel cannot read; the message says what is wrong with it. */
public class MalformedInteractionException extends RuntimeException {

    public MalformedInteractionException(String message) {
        super(message);
    }
}
