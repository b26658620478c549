package io.sentinel.gateway.auth;

import java.util.Optional;

/** Who a presented API key stands for; what the authentication filter asks of the key store. */
@FunctionalInterface
public interface ApiKeyAuthenticator {

    /** @return the caller, or empty for anything that is not an active key */
    Optional<Caller> authenticate(String presented);
}
