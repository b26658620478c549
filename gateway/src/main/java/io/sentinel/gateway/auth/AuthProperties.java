package io.sentinel.gateway.auth;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapAdminKey an ADMIN key installed at start-up, so that a fresh installation has
 *                          someone who can create the other keys; {@code snl_} followed by at least
 *                          32 characters. Blank means none.
 */
@ConfigurationProperties("sentinel.gateway.auth")
public record AuthProperties(String bootstrapAdminKey) {

    static final String BOOTSTRAP_ADMIN_KEY = "sentinel.gateway.auth.bootstrap-admin-key";
    static final int BOOTSTRAP_ADMIN_KEY_MIN_LENGTH = 36;

    public AuthProperties {
        bootstrapAdminKey = bootstrapAdminKey == null || bootstrapAdminKey.isBlank() ? null : bootstrapAdminKey.strip();
        if (bootstrapAdminKey != null
                && (!bootstrapAdminKey.startsWith(ApiKeySecret.PREFIX) || bootstrapAdminKey.length() < BOOTSTRAP_ADMIN_KEY_MIN_LENGTH)) {
            // The value is a secret (or a typo of one): the message describes it without showing it.
            throw new IllegalArgumentException(BOOTSTRAP_ADMIN_KEY + " must start with '" + ApiKeySecret.PREFIX + "' and be at least "
                    + BOOTSTRAP_ADMIN_KEY_MIN_LENGTH + " characters long; the configured value "
                    + (bootstrapAdminKey.startsWith(ApiKeySecret.PREFIX) ? "is " + bootstrapAdminKey.length() + " characters long"
                    : "does not start with '" + ApiKeySecret.PREFIX + "'"));
        }
    }

    public Optional<ApiKeySecret> bootstrapAdmin() {
        return Optional.ofNullable(bootstrapAdminKey).map(ApiKeySecret::new);
    }

    @Override
    public String toString() {
        return "AuthProperties[bootstrapAdminKey=" + (bootstrapAdminKey == null ? "unset" : "(set, not shown)") + "]";
    }
}
