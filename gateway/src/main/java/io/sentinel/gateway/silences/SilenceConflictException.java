package io.sentinel.gateway.silences;

/** The current {@code detector.silences} cannot be edited as asked, whatever the request; the message says how to get out. */
public class SilenceConflictException extends RuntimeException {

    public SilenceConflictException(String message) {
        super(message);
    }
}
