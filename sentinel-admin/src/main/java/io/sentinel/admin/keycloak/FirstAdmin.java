package io.sentinel.admin.keycloak;

import java.util.Objects;
import java.util.Optional;

/**
 * The first person who holds {@code sentinel-admin}.
 *
 * @param username how they sign in, lower case
 * @param email    their address; without it Keycloak asks for one at their first sign-in in the browser, and refuses the password grant until then
 * @param password the password chosen for them, or empty to generate one
 */
public record FirstAdmin(String username, Optional<String> email, Optional<Secret> password) {

    public FirstAdmin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
    }

    public static FirstAdmin of(SetupArguments arguments) {
        return new FirstAdmin(arguments.firstAdminUsername(), arguments.firstAdminEmail(), arguments.firstAdminPassword());
    }
}
