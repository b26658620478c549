package io.sentinel.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries so receivers can tell Sentinel's from forgeries and replays. Each delivery
 * carries
 *
 * <pre>
 * X-Sentinel-Signature: t=1795442735,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
 * </pre>
 *
 * where {@code t} is the time of sending in Unix seconds and {@code v1} is the lowercase hex
 * HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes), of {@code t}, a dot, and the raw
 * request body exactly as received: {@code HMAC_SHA256(secret, "<t>.<raw body>")}.
 *
 * <p>To verify, a receiver:
 * <ol>
 *   <li>reads {@code t} and {@code v1} from the header;</li>
 *   <li>computes the HMAC of {@code t + "." + body} over the raw bytes, before parsing any JSON
 *       (re-serialized JSON will not match);</li>
 *   <li>compares it with {@code v1} in constant time;</li>
 *   <li>rejects deliveries whose {@code t} is more than 5 minutes away from its own clock, so a
 *       captured request cannot be replayed later;</li>
 *   <li>deduplicates on {@code X-Sentinel-Delivery}: a delivery is retried until it is answered
 *       with a 2xx, so it may arrive more than once.</li>
 * </ol>
 * Other versions than {@code v1} may be added to the header later; receivers ignore those they do
 * not know.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** The {@code X-Sentinel-Signature} header value for a body sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds, body);
    }

    static String hmacHex(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }
}
