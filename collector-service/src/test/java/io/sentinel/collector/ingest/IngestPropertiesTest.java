package io.sentinel.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTest {

    private static final String P = "sentinel.collector.ingest";
    private static final String SHA = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";

    @Test
    void theDefaultsDocumentedInCollectorYamlAreTheDefaultsInCode() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("collector.yaml", new ClassPathResource("collector.yaml"))
                .forEach(environment.getPropertySources()::addFirst);

        IngestProperties documented = new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate(P, IngestProperties.class);

        assertThat(documented).isEqualTo(bind(Map.of()));
        assertThat(documented.maxBodyBytes()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(documented.maxItems()).isEqualTo(5000);
        assertThat(documented.maxInFlightRequests()).isEqualTo(32);
        assertThat(documented.tokens()).as("closed until someone is given a token").isEmpty();
        assertThat(documented.rateLimit()).isEqualTo(new IngestRateLimit(20.0, 40));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of(P + ".max-items", "0"), P + ".max-items must be at least 1, was 0"),
                Arguments.of(Map.of(P + ".max-in-flight-requests", "0"), P + ".max-in-flight-requests must be at least 1, was 0"),
                Arguments.of(Map.of(P + ".max-body-bytes", "1GB"), P + ".max-body-bytes must be between 1B and 64MB, was 1073741824B"),
                Arguments.of(Map.of(P + ".tokens[0].name", "alert manager", P + ".tokens[0].token-sha256", SHA),
                        P + ".tokens[0].name must be 1 to 64 letters, digits, dots, dashes or underscores, was 'alert manager'"),
                Arguments.of(Map.of(P + ".tokens[0].name", "am", P + ".tokens[0].token-sha256", "my-secret-token"),
                        P + ".tokens[0].token-sha256 must be the token's SHA-256 as 64 hexadecimal digits (printf %s \"$TOKEN\" | sha256sum), "
                                + "not the token itself"),
                Arguments.of(Map.of(P + ".tokens[0].name", "am", P + ".tokens[0].token-sha256", SHA,
                                P + ".tokens[1].name", "am", P + ".tokens[1].token-sha256", SHA),
                        P + ".tokens[1].name 'am' is already taken"),
                Arguments.of(Map.of(P + ".tokens[0].name", "env", P + ".tokens[0].token-sha256", SHA), P + ".tokens[0].name 'env' is already taken"),
                Arguments.of(Map.of(P + ".rate-limit.requests-per-second", "0"),
                        P + ".rate-limit.requests-per-second must be a positive number of at most 1000000, was 0.0"),
                Arguments.of(Map.of(P + ".rate-limit.burst", "0"), P + ".rate-limit.burst must be between 1 and 1000000, was 0"),
                Arguments.of(Map.of(P + ".tokens[0].name", "am", P + ".tokens[0].token-sha256", SHA, P + ".tokens[0].rate-limit.requests-per-second",
                        "-1"), P + ".tokens[0].rate-limit.requests-per-second must be a positive number of at most 1000000, was -1.0"),
                Arguments.of(Map.of(P + ".tokens[0].name", "am", P + ".tokens[0].token-sha256", SHA, P + ".tokens[0].rate-limit.burst", "0"),
                        P + ".tokens[0].rate-limit.burst must be between 1 and 1000000, was 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void refusesInvalidSettingsNamingTheProperty(Map<String, String> properties, String message) {
        assertThatThrownBy(() -> bind(properties)).rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message)
                .hasMessageNotContaining("my-secret-token");
    }

    @Test
    void aTokensRateLimitOverridesTheDefaultsValueByValue() {
        IngestProperties properties = bind(Map.of(P + ".rate-limit.requests-per-second", "5", P + ".tokens[0].name", "am",
                P + ".tokens[0].token-sha256", SHA, P + ".tokens[0].rate-limit.burst", "100"));

        assertThat(properties.rateLimit()).isEqualTo(new IngestRateLimit(5.0, 40));
        assertThat(properties.tokens().getFirst().rateLimit()).isEqualTo(new IngestRateLimit(null, 100));
        assertThat(properties.tokens().getFirst().rateLimit().orElse(properties.rateLimit())).isEqualTo(new IngestRateLimit(5.0, 100));
    }

    private static IngestProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(P, IngestProperties.class);
    }
}
