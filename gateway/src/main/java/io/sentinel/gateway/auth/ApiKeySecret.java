package io.sentinel.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The plaintext of an API key: {@code snl_} and 40 random base62 characters (about 238 bits). Only
 * its hash is stored. A plain SHA-256 is enough here, unlike for passwords: the key is random and
 * long, so there is nothing to guess, and a fast hash keeps the per-request lookup cheap.
 * {@link #toString()} never shows the key, so logging one by accident leaks nothing.
 *
 * <p>Nothing else is a key: a presented value of any other shape is refused by {@link #parse} before
 * it is hashed or looked up, so guessing costs the database nothing.
 */
public record ApiKeySecret(String value) {

    public static final String PREFIX = "snl_";
    static final int RANDOM_CHARACTERS = 40;
    static final int LENGTH = PREFIX.length() + RANDOM_CHARACTERS;
    /** How the format is described in error messages; never with the value. */
    public static final String FORMAT = "'" + PREFIX + "' followed by exactly " + RANDOM_CHARACTERS + " letters and digits";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public ApiKeySecret {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("an API key is " + FORMAT);
        }
    }

    /** The key a client presented, if it has the shape of one; empty for anything else. Pure, and linear in the value's length. */
    public static Optional<ApiKeySecret> parse(String presented) {
        return wellFormed(presented) ? Optional.of(new ApiKeySecret(presented)) : Optional.empty();
    }

    /** Exactly what {@link #generate} produces: the prefix, then {@value #RANDOM_CHARACTERS} base62 characters. */
    public static boolean wellFormed(String value) {
        if (value == null || value.length() != LENGTH || !value.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
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
