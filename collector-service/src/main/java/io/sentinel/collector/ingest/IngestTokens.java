package io.sentinel.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tokens that may ingest, held as SHA-256 hashes only. A presented token is hashed and compared
 * with every known hash in constant time ({@link MessageDigest#isEqual}), so neither the comparison
 * nor which token matched leaks through timing. Pure.
 */
public final class IngestTokens {

    /** The environment variable carrying one plaintext token, e.g. from a Kubernetes Secret. */
    public static final String ENVIRONMENT_VARIABLE = "SENTINEL_INGEST_TOKEN";
    /** The name the token from {@value #ENVIRONMENT_VARIABLE} goes by, in logs and for its rate limit. */
    public static final String ENVIRONMENT_TOKEN_NAME = "env";
    /** Short tokens can be guessed; the env token is the one operators type themselves. */
    static final int MIN_PLAINTEXT_LENGTH = 16;

    private final List<Known> known;

    private IngestTokens(List<Known> known) {
        this.known = List.copyOf(known);
    }

    /**
     * @param configured {@code sentinel.collector.ingest.tokens}, validated
     * @param plaintext  the value of {@value #ENVIRONMENT_VARIABLE}, or null; hashed here and never kept
     */
    public static IngestTokens of(List<IngestToken> configured, String plaintext) {
        List<Known> known = new ArrayList<>();
        for (IngestToken token : configured) {
            known.add(new Known(token.name(), HexFormat.of().parseHex(token.tokenSha256())));
        }
        if (plaintext != null && !plaintext.isBlank()) {
            if (plaintext.strip().length() < MIN_PLAINTEXT_LENGTH) {
                throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must be at least " + MIN_PLAINTEXT_LENGTH
                        + " characters (e.g. openssl rand -hex 24)");
            }
            known.add(new Known(ENVIRONMENT_TOKEN_NAME, sha256(plaintext.strip())));
        }
        return new IngestTokens(known);
    }

    /** No token at all: ingest must stay closed rather than open to anyone. */
    public boolean none() {
        return known.isEmpty();
    }

    public int count() {
        return known.size();
    }

    /** @return the name of the token presented, if it is one of the known ones */
    public Optional<String> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        String match = null;
        // Every hash is compared, match or not, so the time taken does not say which one matched.
        for (Known token : known) {
            if (MessageDigest.isEqual(token.sha256(), hash) && match == null) {
                match = token.name();
            }
        }
        return Optional.ofNullable(match);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** toString is the record's, which prints the hash as an array reference, never its bytes. */
    private record Known(String name, byte[] sha256) {
    }
}
