package io.sentinel.local.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    private static final String SECRET = "a-secret-of-enough-length";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final SignatureCheck check = new SignatureCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] body = "{\"kind\":\"incident.opened\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsAFreshCorrectSignature() {
        assertThat(check.verify(header(NOW.getEpochSecond(), body), body).valid()).isTrue();
    }

    @Test
    void rejectsATamperedBody() {
        String header = header(NOW.getEpochSecond(), body);
        assertThat(check.verify(header, "{\"kind\":\"incident.resolved\"}".getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo("signature does not match");
    }

    @Test
    void rejectsAReplayOutsideTheWindow() {
        long sixMinutesAgo = NOW.minusSeconds(360).getEpochSecond();
        assertThat(check.verify(header(sixMinutesAgo, body), body).reason()).contains("replay window");
    }

    @Test
    void rejectsMalformedHeaders() {
        assertThat(check.verify(null, body).valid()).isFalse();
        assertThat(check.verify("v1=abc", body).reason()).contains("t=");
        assertThat(check.verify("t=now,v1=abc", body).reason()).contains("not a number");
        assertThat(check.verify("t=" + NOW.getEpochSecond() + ",v1=zz", body).reason()).contains("not hex");
    }

    private static String header(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
