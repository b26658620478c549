package io.sentinel.collector.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.collector.derive.DerivedSignal.Formula;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class DerivationPropertiesTest {

    private static final DerivedSignal VALID = new DerivedSignal("memory_usage_ratio", Formula.RATIO, "used_bytes", "limit_bytes");

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new DerivedSignal("memory usage", Formula.RATIO, "a", "b"),
                        "sentinel.collector.derived[1].signal must be a Prometheus metric name"),
                Arguments.of(new DerivedSignal("ratio", null, "a", "b"),
                        "sentinel.collector.derived[1].formula must be one of ratio, one-minus-ratio"),
                Arguments.of(new DerivedSignal("ratio", Formula.RATIO, null, "b"),
                        "sentinel.collector.derived[1].numerator must be a Prometheus metric name"),
                Arguments.of(new DerivedSignal("ratio", Formula.ONE_MINUS_RATIO, "a", "b-c"),
                        "sentinel.collector.derived[1].denominator must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), was 'b-c'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void refusesADefinitionNamingTheProperty(DerivedSignal invalid, String message) {
        assertThatThrownBy(() -> new DerivationProperties(List.of(VALID, invalid)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void derivesMemoryUsageOfContainersAndHostsWhenNothingIsConfigured() {
        assertThat(new DerivationProperties(null).derived()).isEqualTo(DerivationProperties.DEFAULTS);
    }

    @Test
    void aConfiguredListReplacesTheDefaults() {
        assertThat(new DerivationProperties(List.of(VALID)).derivations()).containsExactly(new Ratio("memory_usage_ratio", "used_bytes", "limit_bytes"));
    }

    @Test
    void theDefaultsDocumentedInCollectorYamlAreTheDefaultsInCode() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("collector.yaml", new ClassPathResource("collector.yaml"))
                .forEach(environment.getPropertySources()::addFirst);

        DerivationProperties bound = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("sentinel.collector", DerivationProperties.class);

        assertThat(bound.derived()).isEqualTo(DerivationProperties.DEFAULTS);
    }
}
