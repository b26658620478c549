package io.sentinel.admin.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Keycloak for the whole test run: started the first time a test class asks for it, stopped
 * when the run ends (JUnit closes what its root store holds). If it cannot start, every class that
 * needs it fails with the same reason, without trying again.
 */
public final class RealKeycloak implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKeycloak.class);

    private static KeycloakProcess server;
    private static RuntimeException failure;

    /** The running Keycloak, started now if nothing started it yet. */
    static synchronized KeycloakProcess server() {
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        if (server == null) {
            try {
                server = KeycloakProcess.start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(KeycloakProcess.class, type -> server(), KeycloakProcess.class);
    }
}
