package io.sentinel.gateway.auth;

import java.util.Locale;
import java.util.Optional;

/** Where a request carries its API key: {@code Authorization: Bearer <key>}, else {@code X-API-Key: <key>}. Pure. */
public final class ApiKeyHeaders {

    public static final String X_API_KEY = "X-API-Key";
    private static final String BEARER = "bearer ";

    private ApiKeyHeaders() {
    }

    public static Optional<String> presentedKey(String authorization, String xApiKey) {
        if (authorization != null) {
            String value = authorization.strip();
            // Auth schemes are case-insensitive (RFC 9110, section 11.1).
            if (value.length() > BEARER.length() && value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
                String key = value.substring(BEARER.length()).strip();
                if (!key.isEmpty()) {
                    return Optional.of(key);
                }
            }
        }
        if (xApiKey != null && !xApiKey.isBlank()) {
            return Optional.of(xApiKey.strip());
        }
        return Optional.empty();
    }
}
