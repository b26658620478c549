package io.sentinel.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookSignatureTest {

    /** Reference values computed independently, with Python's hmac module. */
    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("whsec-0123456789abcdef", 1795442735L, "{\"kind\":\"incident.opened\",\"incidentId\":\"inc-1\"}",
                        "t=1795442735,v1=9ae2ea86af885db07c60a5e698683d5e9ff4eea600ee5395f699b4e4af967799"),
                Arguments.of("s\u00e9cret-with-accents!", 1700000000L, "{\"summary\":\"caf\u00e9\"}",
                        "t=1700000000,v1=27a39eecc5c4fbe2dd887e815038eae825cd730ee83b89fe3d356e02cac652b4"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void signsTheTimestampAndTheRawBodyWithHmacSha256(String secret, long at, String body, String expected) {
        assertThat(WebhookSignature.header(secret, at, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void anyChangeToTheBodyTimeOrSecretChangesTheSignature() {
        byte[] body = "{\"kind\":\"incident.opened\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.hmacHex("whsec-0123456789abcdef", 1795442735L, body);

        assertThat(WebhookSignature.hmacHex("whsec-0123456789abcdef", 1795442736L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.hmacHex("whsec-0123456789abcdeF", 1795442735L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.hmacHex("whsec-0123456789abcdef", 1795442735L,
                "{\"kind\": \"incident.opened\"}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(signature);
        assertThat(signature).matches("[0-9a-f]{64}");
    }
}
