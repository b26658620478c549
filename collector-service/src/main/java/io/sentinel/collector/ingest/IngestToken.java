package io.sentinel.collector.ingest;

import java.util.regex.Pattern;

/**
 * One client allowed to ingest, as configured: only the SHA-256 of its token is in the
 * configuration, so the configuration is no secret ({@code printf %s "$TOKEN" | sha256sum}).
 *
 * @param name        who holds the token, for logs (e.g. {@code alertmanager}, {@code checkout-app})
 * @param tokenSha256 the token's SHA-256, 64 hexadecimal digits
 * @param rateLimit   this token's own rate limit; unset (or each value left out): {@code sentinel.collector.ingest.rate-limit}
 */
public record IngestToken(String name, String tokenSha256, IngestRateLimit rateLimit) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** @param property where it was configured, e.g. {@code sentinel.collector.ingest.tokens[0]} */
    void validate(String property) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(property + ".name must be 1 to 64 letters, digits, dots, dashes or underscores, was '" + name + "'");
        }
        if (tokenSha256 == null || !SHA256.matcher(tokenSha256).matches()) {
            // Not echoed: someone may have put the token itself here.
            throw new IllegalArgumentException(property + ".token-sha256 must be the token's SHA-256 as 64 hexadecimal digits "
                    + "(printf %s \"$TOKEN\" | sha256sum), not the token itself");
        }
        if (rateLimit != null) {
            rateLimit.validate(property + ".rate-limit");
        }
    }
}
