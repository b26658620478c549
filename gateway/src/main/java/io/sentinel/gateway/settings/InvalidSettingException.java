package io.sentinel.gateway.settings;

/** A setting name or value the gateway refuses to publish; the message says what is wrong, for the caller. */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
