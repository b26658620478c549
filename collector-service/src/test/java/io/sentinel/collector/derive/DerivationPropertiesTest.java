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

    private static final DerivedSignal VALID = DerivedSignal.ratio("memory_usage_ratio", "used_bytes", "limit_bytes");

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(DerivedSignal.ratio("memory usage", "a", "b"),
                        "sentinel.collector.derived[1].signal must be a Prometheus metric name"),
                Arguments.of(new DerivedSignal("ratio", null, "a", "b", null, null, null, null),
                        "sentinel.collector.derived[1].formula must be one of ratio, one-minus-ratio, gauge, rate, sum-of-rates, rate-over-quota, one-minus-idle-rate"),
                Arguments.of(DerivedSignal.ratio("ratio", null, "b"),
                        "sentinel.collector.derived[1].numerator must be a Prometheus metric name"),
                Arguments.of(DerivedSignal.oneMinusRatio("ratio", "a", "b-c"),
                        "sentinel.collector.derived[1].denominator must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), was 'b-c'"),
                Arguments.of(new DerivedSignal("queue_depth", Formula.GAUGE, "queue_depth", null, null, null, null, null),
                        "sentinel.collector.derived[1].numerator is not used by formula gauge; it reads metric"),
                Arguments.of(DerivedSignal.rate("queue_consumed_per_second", null),
                        "sentinel.collector.derived[1].metric must be a Prometheus metric name"),
                Arguments.of(DerivedSignal.sumOfRates("http_errors_per_second", "http_server_requests_total", null, "5.."),
                        "sentinel.collector.derived[1].sum-over must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), was 'null'"),
                Arguments.of(DerivedSignal.sumOfRates("http_errors_per_second", "http_server_requests_total", "code", "5(.."),
                        "sentinel.collector.derived[1].matching must be a regular expression, was '5(..'"),
                Arguments.of(DerivedSignal.rateOverQuota("cpu_usage_ratio", "container_cpu_usage_seconds_total", "container_spec_cpu_quota", null),
                        "sentinel.collector.derived[1].period must be a Prometheus metric name"),
                Arguments.of(new DerivedSignal("cpu_usage_ratio", Formula.ONE_MINUS_IDLE_RATE, null, null, null, "node_cpu_seconds_total", "cpu",
                        null), "sentinel.collector.derived[1].sum-over is not used by formula one-minus-idle-rate; it reads metric"));
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
