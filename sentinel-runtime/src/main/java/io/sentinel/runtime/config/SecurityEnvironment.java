package io.sentinel.runtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the environment variables a deployment sets from its Secrets onto Spring's properties, but
 * only those that are set: an unset variable must leave Kafka's and Flyway's own defaults alone
 * (an empty {@code sasl.mechanism} or Flyway user is not the same as none). Covers Kafka's TLS,
 * mutual TLS and SASL (PLAIN, SCRAM-SHA-256/512), and the separate database role for migrations.
 * Properties set explicitly ({@code spring.kafka.*} in YAML, system properties) win over these.
 */
public class SecurityEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "sentinelSecurityEnvironment";
    private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = properties(environment::getProperty);
        if (!properties.isEmpty() && !environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            // Below the environment itself and the configuration files, above the shared defaults.
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
            if (environment.getPropertySources().contains(SentinelServiceDefaults.PROPERTY_SOURCE_NAME)) {
                var defaults = environment.getPropertySources().remove(SentinelServiceDefaults.PROPERTY_SOURCE_NAME);
                environment.getPropertySources().addLast(defaults);
            }
        }
    }

    /** @param variable an environment variable's value by name, null when unset */
    static Map<String, Object> properties(Function<String, String> variable) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String protocol = set(variable, "SENTINEL_KAFKA_SECURITY_PROTOCOL");
        if (protocol != null) {
            protocol = protocol.toUpperCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("SENTINEL_KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS + ", was '" + protocol + "'");
            }
            properties.put("spring.kafka.security.protocol", protocol);
        }
        String mechanism = set(variable, "SENTINEL_KAFKA_SASL_MECHANISM");
        if (mechanism != null) {
            mechanism = mechanism.toUpperCase(Locale.ROOT);
            if (!LOGIN_MODULES.containsKey(mechanism)) {
                throw new IllegalArgumentException("SENTINEL_KAFKA_SASL_MECHANISM must be one of " + LOGIN_MODULES.keySet().stream().sorted().toList()
                        + ", was '" + mechanism + "'");
            }
            properties.put("spring.kafka.properties.sasl.mechanism", mechanism);
            String username = set(variable, "SENTINEL_KAFKA_SASL_USERNAME");
            String password = set(variable, "SENTINEL_KAFKA_SASL_PASSWORD");
            if (username == null || password == null) {
                throw new IllegalArgumentException("SENTINEL_KAFKA_SASL_MECHANISM=" + mechanism
                        + " needs SENTINEL_KAFKA_SASL_USERNAME and SENTINEL_KAFKA_SASL_PASSWORD");
            }
            properties.put("spring.kafka.properties.sasl.jaas.config", LOGIN_MODULES.get(mechanism) + " required username=\""
                    + jaasQuoted(username) + "\" password=\"" + jaasQuoted(password) + "\";");
        }
        copy(variable, properties, "SENTINEL_KAFKA_SSL_TRUSTSTORE_LOCATION", "spring.kafka.ssl.trust-store-location", true);
        copy(variable, properties, "SENTINEL_KAFKA_SSL_TRUSTSTORE_PASSWORD", "spring.kafka.ssl.trust-store-password", false);
        copy(variable, properties, "SENTINEL_KAFKA_SSL_TRUSTSTORE_TYPE", "spring.kafka.ssl.trust-store-type", false);
        // Mutual TLS: the client's own certificate and key.
        copy(variable, properties, "SENTINEL_KAFKA_SSL_KEYSTORE_LOCATION", "spring.kafka.ssl.key-store-location", true);
        copy(variable, properties, "SENTINEL_KAFKA_SSL_KEYSTORE_PASSWORD", "spring.kafka.ssl.key-store-password", false);
        copy(variable, properties, "SENTINEL_KAFKA_SSL_KEYSTORE_TYPE", "spring.kafka.ssl.key-store-type", false);
        copy(variable, properties, "SENTINEL_KAFKA_SSL_KEY_PASSWORD", "spring.kafka.ssl.key-password", false);
        // Migrations may run as a role that owns the schema, while the service runs as one that can only use it.
        copy(variable, properties, "SENTINEL_DB_MIGRATION_USER", "spring.flyway.user", false);
        copy(variable, properties, "SENTINEL_DB_MIGRATION_PASSWORD", "spring.flyway.password", false);
        return properties;
    }

    private static void copy(Function<String, String> variable, Map<String, Object> properties, String name, String property,
                             boolean resource) {
        String value = set(variable, name);
        if (value != null) {
            properties.put(property, resource && !value.contains(":") ? "file:" + value : value);
        }
    }

    private static String set(Function<String, String> variable, String name) {
        String value = variable.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** JAAS option values are double-quoted; a quote or backslash in a password must not end them. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
