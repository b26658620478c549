package io.sentinel.runtime.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningPropertiesTest {

    private static final KeyPair KEYS = Ed25519Keys.generate();

    @Test
    void aServiceWithoutAPrivateKeyDoesNotStartAndIsToldWhatToSet() {
        var properties = new SigningProperties("policy", null, null, List.of(), true);

        assertThatThrownBy(() -> EventSigner.of(properties))
                .hasMessageStartingWith("sentinel.signing.private-key (SENTINEL_SIGNING_PRIVATE_KEY) or sentinel.signing.private-key-file");
    }

    @Test
    void readsThePrivateKeyFromAMountedSecretFile(@TempDir Path secrets) throws Exception {
        Path file = secrets.resolve("signing.key");
        Files.writeString(file, Ed25519Keys.privatePem(KEYS.getPrivate()));

        EventSigner signer = EventSigner.of(new SigningProperties("policy-2026", null, file.toString(), List.of(), true));

        assertThat(signer.keyId()).isEqualTo("policy-2026");
        assertThat(signer.toString()).as("never prints the key").doesNotContain("PRIVATE");
    }

    @Test
    void acceptsPemAndBareBase64AndRefusesAnythingElseNamingTheProperty() {
        String pem = Ed25519Keys.publicPem(KEYS.getPublic());
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");

        assertThat(Ed25519Keys.publicKey(pem, "p")).isEqualTo(Ed25519Keys.publicKey(base64, "p"));
        assertThatThrownBy(() -> new SigningProperties("k", null, null, List.of(new SigningProperties.TrustedKey("k", "policy", "garbage")), true))
                .hasMessageStartingWith("sentinel.signing.trusted-keys[0].public-key is");
        assertThatThrownBy(() -> new SigningProperties("k", null, null, List.of(new SigningProperties.TrustedKey("k", "Policy!", pem)), true))
                .hasMessageStartingWith("sentinel.signing.trusted-keys[0].service must name the service");
        assertThatThrownBy(() -> new SigningProperties("k", null, null, List.of(new SigningProperties.TrustedKey("k", "policy", pem),
                new SigningProperties.TrustedKey("k", "gateway", pem)), true))
                .hasMessage("sentinel.signing.trusted-keys names a key id twice");
        String rsa = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB";
        assertThatThrownBy(() -> Ed25519Keys.publicKey(rsa, "sentinel.signing.trusted-keys[3].public-key"))
                .hasMessageStartingWith("sentinel.signing.trusted-keys[3].public-key is not an Ed25519 public key");
    }
}
