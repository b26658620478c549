package io.sentinel.runtime.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service signs what it publishes and whom it believes. Every event on Sentinel's topics is
 * signed with the producing service's Ed25519 key; consumers accept a record only when it is signed
 * by a trusted key of the one service that may publish on its topic.
 *
 * @param keyId          the id of this service's signing key; published with each signature
 * @param privateKey     this service's Ed25519 private key, PEM or base64 PKCS#8 (a Kubernetes Secret,
 *                       via SENTINEL_SIGNING_PRIVATE_KEY); never logged
 * @param privateKeyFile a file holding the private key instead (a mounted Secret)
 * @param trustedKeys    the public keys consumers accept, each bound to the service that owns it
 * @param verify         whether consumers check signatures; turning it off removes the only defence
 *                       against anyone who can write to Kafka, so it is for diagnosis only
 */
@ConfigurationProperties(SigningProperties.PREFIX)
public record SigningProperties(String keyId, String privateKey, String privateKeyFile, List<TrustedKey> trustedKeys,
                                @DefaultValue("true") boolean verify) {

    public static final String PREFIX = "sentinel.signing";

    public SigningProperties {
        trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
        for (int i = 0; i < trustedKeys.size(); i++) {
            TrustedKey trusted = trustedKeys.get(i);
            String path = PREFIX + ".trusted-keys[" + i + "]";
            if (isBlank(trusted.id())) {
                throw new IllegalArgumentException(path + ".id is required");
            }
            if (isBlank(trusted.service()) || !trusted.service().matches("[a-z]+")) {
                throw new IllegalArgumentException(path + ".service must name the service that owns the key (e.g. policy), was '"
                        + trusted.service() + "'");
            }
            Ed25519Keys.publicKey(trusted.publicKey(), path + ".public-key");
        }
        if (trustedKeys.stream().map(TrustedKey::id).distinct().count() != trustedKeys.size()) {
            throw new IllegalArgumentException(PREFIX + ".trusted-keys names a key id twice");
        }
    }

    /** The private key's text, from the property or the file; fails naming both when neither is set. */
    public String privateKeyText() {
        if (!isBlank(privateKey)) {
            return privateKey;
        }
        if (!isBlank(privateKeyFile)) {
            try {
                return Files.readString(Path.of(privateKeyFile), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException(PREFIX + ".private-key-file " + privateKeyFile + " cannot be read: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(PREFIX + ".private-key (SENTINEL_SIGNING_PRIVATE_KEY) or " + PREFIX
                + ".private-key-file (SENTINEL_SIGNING_PRIVATE_KEY_FILE) must be set: every event a service publishes is signed "
                + "(see docs/security.md for how to make keys)");
    }

    /**
     * @param id        the key id published with signatures
     * @param service   the service whose key this is; a record is believed only from its topic's producer
     * @param publicKey PEM or base64 X.509 Ed25519 public key
     */
    public record TrustedKey(String id, String service, String publicKey) {
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
