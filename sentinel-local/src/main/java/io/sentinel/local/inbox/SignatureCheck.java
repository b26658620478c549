package io.sentinel.local.inbox;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code X-Sentinel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}
 * the way a receiver should: constant-time comparison, and a replay window on the timestamp.
 */
public final class SignatureCheck {

    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    public SignatureCheck(String secret) {
        this(secret, Clock.systemUTC());
    }

    SignatureCheck(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public record Verdict(boolean valid, String reason) {
    }

    public Verdict verify(String header, byte[] body) {
        if (header == null) {
            return new Verdict(false, "no X-Sentinel-Signature header");
        }
        String timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signature = pair[1];
            }
        }
        if (timestamp == null || signature == null) {
            return new Verdict(false, "signature header lacks t= or v1=");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            return new Verdict(false, "signature timestamp is not a number");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(REPLAY_WINDOW) > 0) {
            return new Verdict(false, "signature timestamp outside the " + REPLAY_WINDOW.toMinutes() + "-minute replay window");
        }
        byte[] expected = hmac(timestamp + "." + new String(body, StandardCharsets.UTF_8));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return new Verdict(false, "signature is not hex");
        }
        return MessageDigest.isEqual(expected, given) ? new Verdict(true, "ok") : new Verdict(false, "signature does not match");
    }

    private byte[] hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
