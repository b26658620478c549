package io.sentinel.admin.keycloak;

/** A command line that cannot be run; the message names the option and what is wrong with it, in one line. */
public final class InvalidArgumentException extends RuntimeException {

    public InvalidArgumentException(String message) {
        super(message);
    }
}
