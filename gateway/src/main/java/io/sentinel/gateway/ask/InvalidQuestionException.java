package io.sentinel.gateway.ask;

/** A question the gateway will not ask: the message says which field is wrong and how. */
public class InvalidQuestionException extends RuntimeException {

    public InvalidQuestionException(String message) {
        super(message);
    }
}
