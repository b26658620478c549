package io.sentinel.gateway.silences;

/** A silence the API refuses to create; the message names what is wrong, for the operator. */
public class InvalidSilenceException extends RuntimeException {

    public InvalidSilenceException(String message) {
        super(message);
    }
}
