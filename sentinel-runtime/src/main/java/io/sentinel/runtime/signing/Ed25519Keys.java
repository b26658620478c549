package io.sentinel.runtime.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in the encodings operators already have tools for: PEM ({@code openssl genpkey
 * -algorithm ed25519}, {@code openssl pkey -pubout}) or the same DER as bare base64.
 */
public final class Ed25519Keys {

    static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ runtime provides Ed25519", e);
        }
    }

    /** @param what names the setting in the error message, e.g. {@code sentinel.signing.private-key} */
    public static PrivateKey privateKey(String encoded, String what) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(encoded, what)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not an Ed25519 private key (PKCS#8, as 'openssl genpkey -algorithm ed25519' writes it): "
                    + e.getMessage(), e);
        }
    }

    public static PublicKey publicKey(String encoded, String what) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(encoded, what)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not an Ed25519 public key (as 'openssl pkey -pubout' writes it): " + e.getMessage(), e);
        }
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String encoded, String what) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        String base64 = encoded.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is neither PEM nor base64", e);
        }
    }
}
