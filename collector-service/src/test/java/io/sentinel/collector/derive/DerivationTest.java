package io.sentinel.collector.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.exposition.ExpositionParser;
import io.sentinel.collector.series.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DerivationTest {

    private static final String USED = "container_memory_working_set_bytes";
    private static final String LIMIT = "container_spec_memory_limit_bytes";
    private static final Ratio CONTAINER_MEMORY = new Ratio("memory_usage_ratio", USED, LIMIT);
    private static final Map<String, String> SHOP = Map.of("container", "shop", "pod", "shop-1");
    private static final Map<String, String> CART = Map.of("container", "cart", "pod", "cart-1");
    private static final Instant T0 = Instant.parse("2026-11-23T14:05:35.860Z");

    static Stream<Arguments> containerMemory() {
        return Stream.of(
                Arguments.of("each container over its own limit",
                        List.of(s(USED, SHOP, 750), s(USED, CART, 100), s(LIMIT, CART, 400), s(LIMIT, SHOP, 1000)),
                        List.of(s("memory_usage_ratio", SHOP, 0.75), s("memory_usage_ratio", CART, 0.25))),
                Arguments.of("a limit of 0 means no limit: no ratio",
                        List.of(s(USED, SHOP, 750), s(LIMIT, SHOP, 0)), List.of()),
                Arguments.of("no limit series at all: no ratio",
                        List.of(s(USED, SHOP, 750)), List.of()),
                Arguments.of("a limit without usage: no ratio",
                        List.of(s(LIMIT, SHOP, 1000)), List.of()),
                Arguments.of("label sets must be identical, not merely overlapping",
                        List.of(s(USED, SHOP, 750), s(LIMIT, Map.of("container", "shop"), 1000)), List.of()),
                Arguments.of("a series with the same labels but another name is no limit",
                        List.of(s(USED, SHOP, 750), s("container_memory_usage_bytes", SHOP, 1000)), List.of()),
                Arguments.of("usage above the limit is reported as it is",
                        List.of(s(USED, SHOP, 1500), s(LIMIT, SHOP, 1000)), List.of(s("memory_usage_ratio", SHOP, 1.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerMemory")
    void dividesUsageByTheLimitOfTheSameSeries(String scenario, List<Sample> series, List<Sample> expected) {
        assertThat(CONTAINER_MEMORY.derive(SourceSeries.of(series))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aRatioIsAsRecentAsTheLaterOfItsTwoMeasurements() {
        Instant later = T0.plusSeconds(3);
        assertThat(CONTAINER_MEMORY.derive(SourceSeries.of(List.of(new Sample(USED, SHOP, 750, T0), new Sample(LIMIT, SHOP, 1000, later)))))
                .extracting(Sample::timestamp).containsExactly(later);
        assertThat(CONTAINER_MEMORY.derive(SourceSeries.of(List.of(new Sample(USED, SHOP, 750, T0), s(LIMIT, SHOP, 1000)))))
                .extracting(Sample::timestamp).containsExactly(T0);
        assertThat(CONTAINER_MEMORY.derive(SourceSeries.of(List.of(s(USED, SHOP, 750), s(LIMIT, SHOP, 1000)))))
                .extracting(Sample::timestamp).containsOnlyNulls();
    }

    @Test
    void hostMemoryUsageIsWhatIsNotAvailableOfTheTotalInARealNodeExporterCapture() {
        List<Sample> series = ExpositionParser.parse(PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER_CPU_MEMORY), "fixture").samples();
        var hostMemory = new OneMinusRatio("memory_usage_ratio", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes");

        List<Sample> derived = hostMemory.derive(SourceSeries.of(series));

        assertThat(derived).hasSize(1);
        assertThat(derived.getFirst().name()).isEqualTo("memory_usage_ratio");
        assertThat(derived.getFirst().labels()).isEmpty();
        assertThat(derived.getFirst().value()).isCloseTo(0.02144998293607725, within(1e-12));
    }

    @Test
    void oneMinusRatioSkipsWhatRatioSkips() {
        var hostMemory = new OneMinusRatio("memory_usage_ratio", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes");
        assertThat(hostMemory.derive(SourceSeries.of(List.of(s("node_memory_MemAvailable_bytes", Map.of(), 10),
                s("node_memory_MemTotal_bytes", Map.of(), 0)))))
                .isEmpty();
    }

    @Test
    void theDefaultsDeriveMemoryUsageFromContainersAndHostsAlike() {
        var signals = new CanonicalSignals(new DerivationProperties(null).derivations(), Set.of(), rates());
        List<Sample> node = ExpositionParser.parse(PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER_CPU_MEMORY), "fixture").samples();

        assertThat(signals.from("node", node, T0)).as("a first round: no counter has a rate yet").singleElement().satisfies(sample -> {
            assertThat(sample.name()).isEqualTo("memory_usage_ratio");
            assertThat(sample.value()).isCloseTo(PrometheusFixtures.NODE_EXPORTER_MEMORY_USAGE, within(1e-12));
        });
        assertThat(signals.from("shop", List.of(s(USED, SHOP, 300), s(LIMIT, SHOP, 400)), T0))
                .containsExactly(s("memory_usage_ratio", SHOP, 0.75));
    }

    @Test
    void aNodeWithoutMemorySeriesYieldsItsCpuUsageFromTheSecondRoundOn() {
        var signals = new CanonicalSignals(new DerivationProperties(null).derivations(), Set.of(), rates());
        List<Sample> node = ExpositionParser.parse(PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER), "fixture").samples();

        assertThat(node).isNotEmpty();
        assertThat(signals.from("node", node, T0)).as("counters need two rounds").isEmpty();
        assertThat(signals.from("node", node, T0.plusSeconds(15))).as("the same text again: not one idle second passed")
                .containsExactly(s("cpu_usage_ratio", Map.of(), 1.0));
    }

    @Test
    void forwardsListedRawSeriesUnchangedNextToTheDerivedSignals() {
        var signals = new CanonicalSignals(List.of(CONTAINER_MEMORY), Set.of(USED), rates());
        Sample used = new Sample(USED, SHOP, 750, T0);

        assertThat(signals.from("shop", List.of(used, s(LIMIT, SHOP, 1000), s("container_cpu_usage_seconds_total", SHOP, 12)), T0))
                .containsExactly(new Sample("memory_usage_ratio", SHOP, 0.75, T0), used);
    }

    private static CounterRates rates() {
        return new CounterRates(Duration.ofMinutes(10), 1000);
    }

    private static Sample s(String name, Map<String, String> labels, double value) {
        return new Sample(name, labels, value);
    }
}
