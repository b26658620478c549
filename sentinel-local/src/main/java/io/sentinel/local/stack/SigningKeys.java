package io.sentinel.local.stack;

import io.sentinel.runtime.signing.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Ed25519 signing key per service for the local stack, as a deployment would keep them in
 * Secrets: each service gets only its own private key and every service's public key. Kept in a
 * directory when one is given (events still in an outbox after a restart stay verifiable), else
 * made for this run only.
 */
final class SigningKeys {

    private final Map<String, KeyPair> keys;

    private SigningKeys(Map<String, KeyPair> keys) {
        this.keys = keys;
    }

    /** @param directory where the keys are kept, or null to make them for this run only */
    static SigningKeys forServices(Iterable<String> services, Path directory) {
        Map<String, KeyPair> keys = new LinkedHashMap<>();
        for (String service : services) {
            keys.put(service, directory == null ? Ed25519Keys.generate() : kept(directory, service));
        }
        return new SigningKeys(keys);
    }

    /** The signing properties of one service: its key id and private key, and every service's public key. */
    Map<String, String> propertiesFor(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sentinel.signing.key-id", keyId(service));
        properties.put("sentinel.signing.private-key", base64(keys.get(service).getPrivate().getEncoded()));
        int index = 0;
        for (var entry : keys.entrySet()) {
            String prefix = "sentinel.signing.trusted-keys[" + index++ + "].";
            properties.put(prefix + "id", keyId(entry.getKey()));
            properties.put(prefix + "service", entry.getKey());
            properties.put(prefix + "public-key", base64(entry.getValue().getPublic().getEncoded()));
        }
        return properties;
    }

    private static String keyId(String service) {
        return service + "-local";
    }

    private static KeyPair kept(Path directory, String service) {
        Path privateFile = directory.resolve(service + ".key");
        Path publicFile = directory.resolve(service + ".pub");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return new KeyPair(Ed25519Keys.publicKey(Files.readString(publicFile), publicFile.toString()),
                        Ed25519Keys.privateKey(Files.readString(privateFile), privateFile.toString()));
            }
            Files.createDirectories(directory);
            KeyPair pair = Ed25519Keys.generate();
            Files.writeString(privateFile, Ed25519Keys.privatePem(pair.getPrivate()), StandardCharsets.US_ASCII);
            restrict(privateFile);
            Files.writeString(publicFile, Ed25519Keys.publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local signing keys in " + directory, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the file keeps the default permissions.
        }
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
