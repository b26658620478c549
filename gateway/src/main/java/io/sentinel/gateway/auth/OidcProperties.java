package io.sentinel.gateway.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on: the gateway accepts JWTs that the company's identity provider (Keycloak) issued,
 * beside API keys. Off while no issuer is configured.
 *
 * @param issuerUri the issuer, exactly as tokens name it in {@code iss}, e.g.
 *                  {@code https://sso.example.com/realms/sentinel}; its OpenID discovery document
 *                  ({@code <issuer>/.well-known/openid-configuration}) names the signing keys. Blank: off
 * @param audience  what a token's {@code aud} must contain, so that a token issued for another
 *                  application of the same realm is refused here
 * @param jwkSetUri where the signing keys are, when the gateway should not ask the discovery
 *                  document (e.g. Keycloak's public address differs from the one the gateway reaches);
 *                  the issuer is still checked against {@code issuerUri}
 * @param clientId  whose client roles count: {@code resource_access.<clientId>.roles}, beside the
 *                  realm roles in {@code realm_access.roles}
 * @param timeout   how long the gateway waits for the discovery document and the signing keys
 */
@ConfigurationProperties(OidcProperties.PREFIX)
public record OidcProperties(String issuerUri, @DefaultValue("sentinel") String audience, String jwkSetUri,
                             @DefaultValue("sentinel") String clientId, @DefaultValue("5s") Duration timeout) {

    static final String PREFIX = "sentinel.gateway.oidc";

    public OidcProperties {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
        if (issuerUri != null) {
            requireHttpUri(issuerUri, "issuer-uri");
        }
        if (jwkSetUri != null) {
            if (issuerUri == null) {
                throw new IllegalArgumentException(PREFIX + ".jwk-set-uri needs " + PREFIX
                        + ".issuer-uri too (SENTINEL_OIDC_ISSUER_URI): the issuer of every token is checked against it");
            }
            requireHttpUri(jwkSetUri, "jwk-set-uri");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".audience must not be blank: tokens whose 'aud' does not name it are refused");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".client-id must not be blank: it names whose client roles count");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".timeout must be a positive duration, e.g. 5s, was " + timeout);
        }
    }

    public boolean enabled() {
        return issuerUri != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requireHttpUri(String value, String property) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "." + property + " is not a URI: " + value, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + "." + property + " must be an absolute http(s) URL, e.g. "
                    + "https://sso.example.com/realms/sentinel, was " + value);
        }
    }
}
