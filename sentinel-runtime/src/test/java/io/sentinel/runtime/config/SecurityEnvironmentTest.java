package io.sentinel.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class SecurityEnvironmentTest {

    @Test
    void setsNothingWhenNothingIsSet() {
        assertThat(SecurityEnvironment.properties(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void scramCredentialsBecomeTheScramLoginModuleWithQuotesAndBackslashesEscaped() {
        Map<String, Object> properties = SecurityEnvironment.properties(Map.of(
                "SENTINEL_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "SENTINEL_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "SENTINEL_KAFKA_SASL_USERNAME", "sentinel",
                "SENTINEL_KAFKA_SASL_PASSWORD", "pa\"ss\\word\" evil=\"1")::get);

        assertThat(properties).containsEntry("spring.kafka.security.protocol", "SASL_SSL")
                .containsEntry("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("spring.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"sentinel\" password=\"pa\\\"ss\\\\word\\\" evil=\\\"1\";");
    }

    @Test
    void mutualTlsSettingsReachEveryKafkaClientSpringBootBuilds() {
        Map<String, Object> properties = SecurityEnvironment.properties(Map.of(
                "SENTINEL_KAFKA_SECURITY_PROTOCOL", "SSL",
                "SENTINEL_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                "SENTINEL_KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit",
                "SENTINEL_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "SENTINEL_KAFKA_SSL_KEYSTORE_LOCATION", "/etc/kafka/client.p12",
                "SENTINEL_KAFKA_SSL_KEYSTORE_PASSWORD", "secret",
                "SENTINEL_KAFKA_SSL_KEYSTORE_TYPE", "PKCS12")::get);
        KafkaProperties kafka = new Binder(new MapConfigurationPropertySource(properties)).bind("spring.kafka", KafkaProperties.class).get();

        for (Map<String, Object> client : java.util.List.of(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
                kafka.buildAdminProperties())) {
            assertThat(client).containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.truststore.password", "changeit")
                    .containsEntry("ssl.keystore.password", "secret")
                    .containsEntry("ssl.keystore.type", "PKCS12");
            assertThat(String.valueOf(client.get("ssl.keystore.location"))).endsWith("/etc/kafka/client.p12");
            assertThat(String.valueOf(client.get("ssl.truststore.location"))).endsWith("/etc/kafka/ca.p12");
        }
    }

    @Test
    void migrationsMayRunAsTheirOwnRole() {
        assertThat(SecurityEnvironment.properties(Map.of("SENTINEL_DB_MIGRATION_USER", "sentinel_detector_owner",
                "SENTINEL_DB_MIGRATION_PASSWORD", "pw")::get))
                .containsEntry("spring.flyway.user", "sentinel_detector_owner").containsEntry("spring.flyway.password", "pw");
    }

    @Test
    void refusesWhatKafkaWouldNotUnderstandNamingTheVariable() {
        assertThatThrownBy(() -> SecurityEnvironment.properties(Map.of("SENTINEL_KAFKA_SECURITY_PROTOCOL", "TLS")::get))
                .hasMessageStartingWith("SENTINEL_KAFKA_SECURITY_PROTOCOL must be one of");
        assertThatThrownBy(() -> SecurityEnvironment.properties(Map.of("SENTINEL_KAFKA_SASL_MECHANISM", "GSSAPI")::get))
                .hasMessageStartingWith("SENTINEL_KAFKA_SASL_MECHANISM must be one of");
        assertThatThrownBy(() -> SecurityEnvironment.properties(Map.of("SENTINEL_KAFKA_SASL_MECHANISM", "PLAIN",
                "SENTINEL_KAFKA_SASL_USERNAME", "sentinel")::get))
                .hasMessage("SENTINEL_KAFKA_SASL_MECHANISM=PLAIN needs SENTINEL_KAFKA_SASL_USERNAME and SENTINEL_KAFKA_SASL_PASSWORD");
    }
}
