package io.sentinel.gateway.auth;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapAdminKey an ADMIN key installed at start-up, so that a fresh installation has
 *                          someone who can create the other keys; exactly the shape of a generated
 *                          key ({@link ApiKeySecret#FORMAT}), since nothing else is ever looked up.
 *                          Blank means none.
 */
@ConfigurationProperties("sentinel.gateway.auth")
public record AuthProperties(String bootstrapAdminKey) {

    public static final String BOOTSTRAP_ADMIN_KEY = "sentinel.gateway.auth.bootstrap-admin-key";

    public AuthProperties {
        bootstrapAdminKey = bootstrapAdminKey == null || bootstrapAdminKey.isBlank() ? null : bootstrapAdminKey.strip();
        if (bootstrapAdminKey != null && !ApiKeySecret.wellFormed(bootstrapAdminKey)) {
            // The value is a secret (or a typo of one): the message describes it without showing it.
            throw new IllegalArgumentException(BOOTSTRAP_ADMIN_KEY + " must be " + ApiKeySecret.FORMAT
                    + ", e.g. snl_$(openssl rand -hex 20); the configured value " + whatIsWrong(bootstrapAdminKey));
        }
    }

    private static String whatIsWrong(String key) {
        if (!key.startsWith(ApiKeySecret.PREFIX)) {
            return "does not start with '" + ApiKeySecret.PREFIX + "'";
        }
        if (key.length() != ApiKeySecret.LENGTH) {
            return "is " + key.length() + " characters long, not " + ApiKeySecret.LENGTH;
        }
        return "contains a character other than a letter or digit after the prefix";
    }

    public Optional<ApiKeySecret> bootstrapAdmin() {
        return Optional.ofNullable(bootstrapAdminKey).map(ApiKeySecret::new);
    }

    @Override
    public String toString() {
        return "AuthProperties[bootstrapAdminKey=" + (bootstrapAdminKey == null ? "unset" : "(set, not shown)") + "]";
    }
}
