package io.sentinel.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class ScrapePropertiesTest {

    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ScrapeTarget SHOP = target("shop", "http://shop:8080/metrics", Map.of("environment", "production"));

    static Stream<Arguments> invalidTargets() {
        return Stream.of(
                Arguments.of("an uppercase name", target("Shop-2", "http://shop:8080/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].name must be lowercase letters, digits and dashes (it is the resource id), was 'Shop-2'"),
                Arguments.of("a name starting with a dash", target("-shop", "http://shop:8080/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].name must be lowercase letters"),
                Arguments.of("no name", target(null, "http://shop:8080/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].name must be lowercase letters"),
                Arguments.of("a relative url", target("cart", "/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].url must be an absolute http or https URL with a host, was '/metrics'"),
                Arguments.of("another scheme", target("cart", "ftp://cart/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].url must be an absolute http or https URL"),
                Arguments.of("no host", target("cart", "http:metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].url must be an absolute http or https URL"),
                Arguments.of("no url", new ScrapeTarget("cart", null, Map.of(), null),
                        "sentinel.collector.scrape.targets[1].url must be an absolute http or https URL"),
                Arguments.of("credentials in the url", target("cart", "https://scraper:s3cret@cart/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].url must not carry credentials"),
                Arguments.of("an invalid label name", target("cart", "http://cart/metrics", Map.of("team-name", "x")),
                        "sentinel.collector.scrape.targets[1].labels: 'team-name' is not a Prometheus label name"),
                Arguments.of("a target that is no inventory name", new ScrapeTarget("cart", URI.create("http://cart/metrics"), Map.of(), "Cart_Prod"),
                        "sentinel.collector.scrape.targets[1].target (by default the name) must be an inventory target name: 1 to 63 "
                                + "lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, was 'Cart_Prod'"),
                Arguments.of("a name too long to be the target by default", target("c".repeat(64), "http://cart/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].target (by default the name) must be an inventory target name"),
                Arguments.of("a name already taken", target("shop", "http://shop-2:8080/metrics", Map.of()),
                        "sentinel.collector.scrape.targets[1].name 'shop' is already the name of another target"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("invalidTargets")
    void refusesAnInvalidTargetNamingTheProperty(String scenario, ScrapeTarget invalid, String message) {
        assertThatThrownBy(() -> new ScrapeProperties(INTERVAL, TIMEOUT, List.of(SHOP, invalid), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("s3cret");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Duration.ZERO, TIMEOUT, List.of(), "sentinel.collector.scrape.interval must be a positive duration, was PT0S"),
                Arguments.of(INTERVAL, Duration.ofSeconds(-1), List.of(), "sentinel.collector.scrape.timeout must be a positive duration"),
                Arguments.of(null, TIMEOUT, List.of(), "sentinel.collector.scrape.interval must be a positive duration"),
                Arguments.of(INTERVAL, TIMEOUT, List.of("up", "memory usage"),
                        "sentinel.collector.scrape.forward-metrics[1] must be a Prometheus metric name, was 'memory usage'"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("invalidSettings")
    void refusesInvalidSettingsNamingTheProperty(Duration interval, Duration timeout, List<String> forward, String message) {
        assertThatThrownBy(() -> new ScrapeProperties(interval, timeout, List.of(), forward))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void noTargetsIsValid() {
        var properties = new ScrapeProperties(INTERVAL, TIMEOUT, null, null);

        assertThat(properties.targets()).isEmpty();
        assertThat(properties.forwardMetrics()).isEmpty();
    }

    @Test
    void bindsTargetsFromConfigurationWithTheDocumentedDefaults() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("collector.yaml", new ClassPathResource("collector.yaml"))
                .forEach(environment.getPropertySources()::addFirst);
        var binder = new Binder(ConfigurationPropertySources.get(environment));

        ScrapeProperties defaults = binder.bindOrCreate("sentinel.collector.scrape", ScrapeProperties.class);

        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.targets()).isEmpty();
        assertThat(defaults.forwardMetrics()).isEmpty();
        assertThat(bind(Map.of())).isEqualTo(defaults);

        ScrapeProperties configured = bind(Map.of(
                "sentinel.collector.scrape.interval", "500ms",
                "sentinel.collector.scrape.targets[0].name", "shop",
                "sentinel.collector.scrape.targets[0].url", "http://shop:8080/metrics",
                "sentinel.collector.scrape.targets[0].labels.environment", "production",
                "sentinel.collector.scrape.targets[1].name", "cart",
                "sentinel.collector.scrape.targets[1].url", "http://cart:8080/metrics",
                "sentinel.collector.scrape.targets[1].target", "cart.production",
                "sentinel.collector.scrape.forward-metrics[0]", "up"));

        assertThat(configured.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(configured.targets()).containsExactly(SHOP, new ScrapeTarget("cart", URI.create("http://cart:8080/metrics"), Map.of(), "cart.production"));
        assertThat(configured.targets()).extracting(ScrapeTarget::target).containsExactly("shop", "cart.production");
        assertThat(configured.forwardMetrics()).containsExactly("up");
    }

    @Test
    void aBindingFailureNamesTheProperty() {
        assertThatThrownBy(() -> bind(Map.of(
                "sentinel.collector.scrape.targets[0].name", "shop",
                "sentinel.collector.scrape.targets[0].url", "http://shop:8080/metrics",
                "sentinel.collector.scrape.targets[1].name", "cart",
                "sentinel.collector.scrape.targets[1].url", "cart:8080/metrics")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("sentinel.collector.scrape.targets[1].url must be an absolute http or https URL");
    }

    private static ScrapeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("sentinel.collector.scrape", ScrapeProperties.class);
    }

    private static ScrapeTarget target(String name, String url, Map<String, String> labels) {
        return new ScrapeTarget(name, URI.create(url), labels, null);
    }
}
