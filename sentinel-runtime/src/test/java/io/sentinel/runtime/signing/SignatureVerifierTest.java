package io.sentinel.runtime.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.EventContractViolation;
import io.sentinel.events.Topic;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final KeyPair POLICY = Ed25519Keys.generate();
    private static final KeyPair GATEWAY = Ed25519Keys.generate();
    private static final SignatureVerifier VERIFIER = SignatureVerifier.trusting(List.of(
            new SigningProperties.TrustedKey("policy-1", "policy", Ed25519Keys.publicPem(POLICY.getPublic())),
            new SigningProperties.TrustedKey("gateway-1", "gateway", Ed25519Keys.publicPem(GATEWAY.getPublic()))));
    private static final byte[] PAYLOAD = "{\"type\":\"ActionAuthorized\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("ce_id", "e-1", "ce_source", "policy",
            "ce_type", "io.sentinel.events.ActionAuthorized", "ce_time", "2026-12-05T00:00:00Z", "ce_subject", "inc-1");

    @Test
    void believesARecordSignedByTheTopicsProducer() {
        Map<String, String> signed = sign("policy-1", POLICY, HEADERS, "inc-1");

        assertThatCode(() -> VERIFIER.verify(Topic.DECISIONS, "inc-1", signed::get, PAYLOAD)).doesNotThrowAnyException();
    }

    @Test
    void refusesEverythingElseNamingWhy() {
        assertUntrusted(Map.copyOf(HEADERS), "inc-1", PAYLOAD, "the record is not signed");
        assertUntrusted(sign("gateway-1", GATEWAY, withSource("gateway"), "inc-1"), "inc-1", PAYLOAD,
                "ce_source 'gateway' may not publish on sentinel.decisions.v1; only policy may");
        assertUntrusted(sign("gateway-1", GATEWAY, HEADERS, "inc-1"), "inc-1", PAYLOAD, "key 'gateway-1' belongs to gateway, not to policy");
        assertUntrusted(sign("policy-2", Ed25519Keys.generate(), HEADERS, "inc-1"), "inc-1", PAYLOAD, "signed with unknown key 'policy-2'");
        assertUntrusted(sign("policy-1", Ed25519Keys.generate(), HEADERS, "inc-1"), "inc-1", PAYLOAD, "does not match the record");
        assertUntrusted(sign("policy-1", POLICY, HEADERS, "inc-1"), "inc-2", PAYLOAD, "does not match the record");
        assertUntrusted(sign("policy-1", POLICY, HEADERS, "inc-1"), "inc-1", "{\"type\":\"ActionAuthorized\",\"x\":1}".getBytes(),
                "does not match the record");
        Map<String, String> retyped = new HashMap<>(sign("policy-1", POLICY, HEADERS, "inc-1"));
        retyped.put("ce_type", "io.sentinel.events.ActionBlocked");
        assertUntrusted(retyped, "inc-1", PAYLOAD, "does not match the record");
        Map<String, String> garbled = new HashMap<>(sign("policy-1", POLICY, HEADERS, "inc-1"));
        garbled.put(SignedContent.SIGNATURE_HEADER, "not base64 !");
        assertUntrusted(garbled, "inc-1", PAYLOAD, "the signature is not base64");
    }

    @Test
    void aRecordSignedForOneTopicIsNotBelievedOnAnother() {
        Map<String, String> signed = sign("gateway-1", GATEWAY, withSource("gateway"), "inc-1");

        assertThatCode(() -> VERIFIER.verify(Topic.APPROVALS, "inc-1", signed::get, PAYLOAD)).as("signed for approvals")
                .isInstanceOf(EventContractViolation.class);
        assertThat(VERIFIER.enforced()).isTrue();
    }

    @Test
    void believesEverythingOnlyWhenVerificationIsSwitchedOff() {
        assertThatCode(() -> SignatureVerifier.believingEverything().verify(Topic.DECISIONS, "k", HEADERS::get, PAYLOAD))
                .doesNotThrowAnyException();
    }

    private static void assertUntrusted(Map<String, String> headers, String key, byte[] payload, String reason) {
        assertThatThrownBy(() -> VERIFIER.verify(Topic.DECISIONS, key, headers::get, payload))
                .isInstanceOf(EventContractViolation.class)
                .hasMessageStartingWith("untrusted record: ")
                .hasMessageContaining(reason);
    }

    private static Map<String, String> sign(String keyId, KeyPair pair, Map<String, String> headers, String key) {
        return new EventSigner(keyId, pair.getPrivate()).sign(Topic.DECISIONS.topicName(), key, headers, PAYLOAD);
    }

    private static Map<String, String> withSource(String source) {
        Map<String, String> headers = new HashMap<>(HEADERS);
        headers.put("ce_source", source);
        return headers;
    }
}
