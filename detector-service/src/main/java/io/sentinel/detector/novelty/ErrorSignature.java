package io.sentinel.detector.novelty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two error reports "the same error": the exception type and the message with every
 * value that changes from one occurrence to the next (ids, numbers, addresses, quoted values) replaced
 * by a placeholder.
 *
 * @param exceptionType     the exception's type from the stack trace's first line, or null when there is none
 * @param normalizedMessage the message after {@link ErrorNormalizer#normalize}
 * @param fingerprint       hex prefix of SHA-256 over both: the identity kept in {@code error_fingerprint}
 */
public record ErrorSignature(String exceptionType, String normalizedMessage, String fingerprint) {

    /** 16 hex digits, 64 bits: collisions among one service's few thousand errors are not a practical concern. */
    static final int FINGERPRINT_HEX_DIGITS = 16;

    public static ErrorSignature of(String exceptionType, String normalizedMessage) {
        String identity = (exceptionType == null ? "" : exceptionType) + '\n' + normalizedMessage;
        return new ErrorSignature(exceptionType, normalizedMessage, sha256Prefix(identity));
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
