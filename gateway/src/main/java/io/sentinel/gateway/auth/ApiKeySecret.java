package io.sentinel.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The plaintext of an API key: {@code snl_} and 40 random base62 characters (about 238 bits). Only
 * its hash is stored. A plain SHA-256 is enough here, unlike for passwords: the key is random and
 * long, so there is nothing to guess, and a fast hash keeps the per-request lookup cheap.
 * {@link #toString()} never shows the key, so logging one by accident leaks nothing.
 */
public record ApiKeySecret(String value) {

    public static final String PREFIX = "snl_";
    static final int RANDOM_CHARACTERS = 40;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public ApiKeySecret {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("an API key starts with '" + PREFIX + "'");
        }
    }

    /** @param random a {@link java.security.SecureRandom} outside tests */
    public static ApiKeySecret generate(RandomGenerator random) {
        var key = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            key.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return new ApiKeySecret(key.toString());
    }

    /** Lowercase hex SHA-256 of the whole key, prefix included: what {@code api_key.key_hash} holds. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + "(redacted)";
    }
}
