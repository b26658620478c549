package io.sentinel.runtime.signing;

import io.sentinel.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

/**
 * What a signature covers: the topic, the record key, the CloudEvents attributes that say what the
 * event is and who published it, and a digest of the payload. A signed record therefore cannot be
 * moved to another topic or key, re-labelled as another type or producer, or altered; it can only be
 * delivered again as it is, which every consumer's inbox recognises.
 */
public final class SignedContent {

    /** The key id of the signing key, a CloudEvents extension attribute. */
    public static final String KEY_ID_HEADER = "ce_sigkeyid";
    /** The base64 Ed25519 signature of the content below, a CloudEvents extension attribute. */
    public static final String SIGNATURE_HEADER = "ce_signature";

    private static final String VERSION = "sentinel-event-signature-v1";

    private SignedContent() {
    }

    /** @param header a record header's value by name, or null */
    public static byte[] of(String topic, String key, Function<String, String> header, byte[] payload) {
        String content = String.join("\n", VERSION, topic, nullToEmpty(key),
                nullToEmpty(header.apply(CloudEventHeaders.ID)),
                nullToEmpty(header.apply(CloudEventHeaders.SOURCE)),
                nullToEmpty(header.apply(CloudEventHeaders.TYPE)),
                nullToEmpty(header.apply(CloudEventHeaders.TIME)),
                nullToEmpty(header.apply(CloudEventHeaders.SUBJECT)),
                Base64.getEncoder().encodeToString(sha256(payload == null ? new byte[0] : payload)));
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
