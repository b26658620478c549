package io.sentinel.testkit;

import io.sentinel.runtime.signing.Ed25519Keys;
import io.sentinel.runtime.signing.EventSigner;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Ed25519 key per service for the tests of a JVM, so that every service under test signs what it
 * publishes and believes only its topics' producers, exactly as in production, and a test can sign
 * as any of them (or as nobody) to play an attacker.
 */
public final class TestKeyring {

    /** Every service, plus the names test-only applications run under. */
    public static final List<String> SERVICES = List.of("collector", "detector", "analyzer", "policy", "executor", "notifier", "gateway",
            "probe", "test");

    private static final Map<String, KeyPair> KEYS = generate();

    private TestKeyring() {
    }

    public static String keyId(String service) {
        return service + "-test";
    }

    public static EventSigner signer(String service) {
        return new EventSigner(keyId(service), pair(service).getPrivate());
    }

    public static String privateKeyPem(String service) {
        return Ed25519Keys.privatePem(pair(service).getPrivate());
    }

    public static String publicKeyPem(String service) {
        return Ed25519Keys.publicPem(pair(service).getPublic());
    }

    /**
     * The signing properties of a service named by {@code sentinel.service.name}: its own private key
     * (resolved through a placeholder, as the name is only known inside its context) and every
     * service's public key.
     */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sentinel.signing.key-id", "${sentinel.service.name}-test");
        properties.put("sentinel.signing.private-key", "${sentinel.signing.test-private-keys.${sentinel.service.name}}");
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            properties.put("sentinel.signing.test-private-keys." + service, privateKeyPem(service));
            properties.put("sentinel.signing.trusted-keys[" + i + "].id", keyId(service));
            properties.put("sentinel.signing.trusted-keys[" + i + "].service", service);
            properties.put("sentinel.signing.trusted-keys[" + i + "].public-key", publicKeyPem(service));
        }
        return properties;
    }

    /** {@link #properties()} as command-line arguments, for applications a test starts by their main method. */
    public static List<String> arguments() {
        return properties().entrySet().stream().map(property -> "--" + property.getKey() + "=" + property.getValue()).toList();
    }

    private static KeyPair pair(String service) {
        KeyPair pair = KEYS.get(service);
        if (pair == null) {
            throw new IllegalArgumentException("no test key for '" + service + "'; the keyring has " + SERVICES);
        }
        return pair;
    }

    private static Map<String, KeyPair> generate() {
        Map<String, KeyPair> keys = new LinkedHashMap<>();
        SERVICES.forEach(service -> keys.put(service, Ed25519Keys.generate()));
        return Map.copyOf(keys);
    }
}
