package io.sentinel.gateway.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature ("Verifying requests from Slack"): {@code X-Slack-Signature} is
 * {@code v0=} and the hex HMAC-SHA256, keyed with the app's signing secret, of
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>}. Compared in constant time; a timestamp further
 * than the allowed skew from now is refused whatever the signature, so a captured request cannot be
 * sent again later. Pure.
 */
public final class SlackSignature {

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final String VERSION = "v0";
    /** {@code v0=} and 64 hex digits. */
    static final int SIGNATURE_LENGTH = VERSION.length() + 1 + 64;

    private final byte[] secret;

    public SlackSignature(String signingSecret) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** Why a request is refused, or that it is Slack's. */
    public sealed interface Verdict {
    }

    /** @param timestamp the request's own timestamp: how long its signature must be remembered is counted from it */
    public record Valid(Instant timestamp, String signature) implements Verdict {
    }

    public record Refused(String reason) implements Verdict {
    }

    public Verdict verify(String timestampHeader, String signatureHeader, byte[] body, Instant now, Duration maxSkew) {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            return new Refused("missing header " + TIMESTAMP_HEADER);
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Refused("missing header " + SIGNATURE_HEADER);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return new Refused(TIMESTAMP_HEADER + " is not a number of seconds");
        }
        Instant timestamp;
        try {
            timestamp = Instant.ofEpochSecond(seconds);
        } catch (DateTimeException e) {
            return new Refused(TIMESTAMP_HEADER + " is out of range");
        }
        if (Duration.between(timestamp, now).abs().compareTo(maxSkew) > 0) {
            return new Refused(TIMESTAMP_HEADER + " is more than " + maxSkew.toMinutes() + " minutes from now");
        }
        String presented = signatureHeader.strip();
        if (presented.length() != SIGNATURE_LENGTH || !presented.startsWith(VERSION + "=")) {
            return new Refused(SIGNATURE_HEADER + " is not 'v0=' followed by 64 hex digits");
        }
        byte[] expected = sign(timestampHeader.strip(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Refused(SIGNATURE_HEADER + " does not match the body");
        }
        return new Valid(timestamp, presented.toLowerCase(Locale.ROOT));
    }

    /** {@code v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">}: what Slack sends, and what tests sign with. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "SlackSignature[secret not shown]";
    }
}
