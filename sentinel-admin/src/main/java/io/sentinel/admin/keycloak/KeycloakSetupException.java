package io.sentinel.admin.keycloak;

/** The setup stopped; the message says why in one line an operator can act on, and never holds a password. */
public final class KeycloakSetupException extends RuntimeException {

    public KeycloakSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeycloakSetupException(String message) {
        super(message);
    }
}
