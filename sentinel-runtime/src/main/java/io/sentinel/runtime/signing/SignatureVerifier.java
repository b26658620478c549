package io.sentinel.runtime.signing;

import io.sentinel.events.CloudEventHeaders;
import io.sentinel.events.EventContractViolation;
import io.sentinel.events.Topic;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Believes a record only if the one service that may publish on its topic signed it, with a key
 * this service trusts for that service. Whoever can merely write to Kafka can therefore neither
 * forge an authorization nor a vote, nor replay a signed event as something else; what remains is
 * redelivering a record unchanged, which inboxes drop. Pure apart from the JDK's crypto.
 */
public final class SignatureVerifier {

    private final Map<String, Trusted> trusted;
    private final boolean enforced;

    private SignatureVerifier(Map<String, Trusted> trusted, boolean enforced) {
        this.trusted = trusted;
        this.enforced = enforced;
    }

    public static SignatureVerifier trusting(List<SigningProperties.TrustedKey> keys) {
        return new SignatureVerifier(keys.stream().collect(Collectors.toUnmodifiableMap(SigningProperties.TrustedKey::id,
                key -> new Trusted(key.service(), Ed25519Keys.publicKey(key.publicKey(), "trusted key " + key.id())))), true);
    }

    /** Believes every record: for diagnosis only ({@code sentinel.signing.verify=false}). */
    public static SignatureVerifier believingEverything() {
        return new SignatureVerifier(Map.of(), false);
    }

    public boolean enforced() {
        return enforced;
    }

    /** @throws EventContractViolation naming why the record is not believed */
    public void verify(Topic topic, String key, Function<String, String> header, byte[] payload) {
        if (!enforced) {
            return;
        }
        String keyId = header.apply(SignedContent.KEY_ID_HEADER);
        String encoded = header.apply(SignedContent.SIGNATURE_HEADER);
        if (keyId == null || keyId.isBlank() || encoded == null || encoded.isBlank()) {
            throw untrusted("the record is not signed; only " + topic.producer() + " publishes on " + topic.topicName());
        }
        String source = header.apply(CloudEventHeaders.SOURCE);
        if (!topic.producer().equals(source)) {
            throw untrusted("ce_source '" + source + "' may not publish on " + topic.topicName() + "; only " + topic.producer() + " may");
        }
        Trusted signer = trusted.get(keyId);
        if (signer == null) {
            throw untrusted("signed with unknown key '" + keyId + "'");
        }
        if (!signer.service().equals(source)) {
            throw untrusted("key '" + keyId + "' belongs to " + signer.service() + ", not to " + source);
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw untrusted("the signature is not base64");
        }
        if (!valid(signer.key(), SignedContent.of(topic.topicName(), key, header, payload), signature)) {
            throw untrusted("the signature by key '" + keyId + "' does not match the record: it was altered or forged");
        }
    }

    private static boolean valid(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static EventContractViolation untrusted(String reason) {
        return new EventContractViolation("untrusted record: " + reason);
    }

    private record Trusted(String service, PublicKey key) {
    }
}
