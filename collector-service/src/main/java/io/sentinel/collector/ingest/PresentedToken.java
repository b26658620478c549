package io.sentinel.collector.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a request carries its ingest token: {@code Authorization: Bearer <token>} (what
 * Alertmanager's {@code http_config.authorization} sends), else {@code X-Sentinel-Ingest-Token}. Pure.
 */
public final class PresentedToken {

    public static final String HEADER = "X-Sentinel-Ingest-Token";
    private static final String BEARER = "bearer ";

    private PresentedToken() {
    }

    public static Optional<String> from(String authorization, String header) {
        if (authorization != null) {
            String value = authorization.strip();
            // Auth schemes are case-insensitive (RFC 9110, section 11.1).
            if (value.length() > BEARER.length() && value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
                String token = value.substring(BEARER.length()).strip();
                if (!token.isEmpty()) {
                    return Optional.of(token);
                }
            }
        }
        if (header != null && !header.isBlank()) {
            return Optional.of(header.strip());
        }
        return Optional.empty();
    }
}
