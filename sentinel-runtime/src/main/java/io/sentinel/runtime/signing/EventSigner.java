package io.sentinel.runtime.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs this service's records with its Ed25519 key. Thread-safe. */
public final class EventSigner {

    private final String keyId;
    private final PrivateKey key;

    public EventSigner(String keyId, PrivateKey key) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException(SigningProperties.PREFIX + ".key-id (SENTINEL_SIGNING_KEY_ID) must be set");
        }
        this.keyId = keyId;
        this.key = key;
    }

    public static EventSigner of(SigningProperties properties) {
        return new EventSigner(properties.keyId(), Ed25519Keys.privateKey(properties.privateKeyText(), SigningProperties.PREFIX + ".private-key"));
    }

    /** The headers with the key id and the signature added. */
    public Map<String, String> sign(String topic, String key, Map<String, String> headers, byte[] payload) {
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initSign(this.key);
            signature.update(SignedContent.of(topic, key, headers::get, payload));
            Map<String, String> signed = new LinkedHashMap<>(headers);
            signed.put(SignedContent.KEY_ID_HEADER, keyId);
            signed.put(SignedContent.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signature.sign()));
            return signed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed with key " + keyId, e);
        }
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "EventSigner[keyId=" + keyId + "]";
    }
}
