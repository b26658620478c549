package io.sentinel.collector.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** Derivations over counter rates and gauges, given the rates {@link CounterRates} would compute. */
class RateDerivationsTest {

    private static final String REQUESTS = "http_server_requests_total";
    private static final SumOfRates REQUESTS_PER_SECOND = new SumOfRates("http_requests_per_second", REQUESTS, "code", null);
    private static final SumOfRates ERRORS_PER_SECOND = new SumOfRates("http_errors_per_second", REQUESTS, "code", "5..");
    private static final Map<String, String> SHOP = Map.of("container", "shop");
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    static Stream<Arguments> requestRates() {
        return Stream.of(
                Arguments.of("summed over codes, other labels kept",
                        List.of(rate(REQUESTS, Map.of("container", "shop", "code", "200"), 8), rate(REQUESTS, Map.of("container", "shop", "code", "500"), 2),
                                rate(REQUESTS, Map.of("container", "cart", "code", "200"), 1)),
                        List.of(s("http_requests_per_second", SHOP, 10), s("http_requests_per_second", Map.of("container", "cart"), 1)),
                        List.of(s("http_errors_per_second", SHOP, 2), s("http_errors_per_second", Map.of("container", "cart"), 0))),
                Arguments.of("only 5xx are errors; 404 and 499 are not",
                        List.of(rate(REQUESTS, Map.of("code", "404"), 3), rate(REQUESTS, Map.of("code", "499"), 1), rate(REQUESTS, Map.of("code", "503"), 0.5)),
                        List.of(s("http_requests_per_second", Map.of(), 4.5)),
                        List.of(s("http_errors_per_second", Map.of(), 0.5))),
                Arguments.of("no rates yet (first round): nothing, not zero",
                        List.of(), List.of(), List.of()),
                Arguments.of("a series without the code label counts as code \"\"",
                        List.of(rate(REQUESTS, Map.of(), 2)),
                        List.of(s("http_requests_per_second", Map.of(), 2)), List.of(s("http_errors_per_second", Map.of(), 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestRates")
    void requestsAndErrorsPerSecond(String scenario, List<Sample> rates, List<Sample> requests, List<Sample> errors) {
        var series = new SourceSeries(List.of(), rates);
        assertThat(REQUESTS_PER_SECOND.derive(series)).containsExactlyInAnyOrderElementsOf(requests);
        assertThat(ERRORS_PER_SECOND.derive(series)).containsExactlyInAnyOrderElementsOf(errors);
    }

    static Stream<Arguments> containerCpu() {
        Map<String, String> total = Map.of("container", "shop", "cpu", "total");
        return Stream.of(
                Arguments.of("half a core used of a two-core quota",
                        List.of(s("container_spec_cpu_quota", SHOP, 200_000), s("container_spec_cpu_period", SHOP, 100_000)),
                        List.of(rate("container_cpu_usage_seconds_total", total, 0.5)), List.of(s("cpu_usage_ratio", SHOP, 0.25))),
                Arguments.of("no quota: no ratio",
                        List.of(s("container_spec_cpu_period", SHOP, 100_000)),
                        List.of(rate("container_cpu_usage_seconds_total", total, 0.5)), List.of()),
                Arguments.of("a quota of -1 (cgroup v1 for none): no ratio",
                        List.of(s("container_spec_cpu_quota", SHOP, -1), s("container_spec_cpu_period", SHOP, 100_000)),
                        List.of(rate("container_cpu_usage_seconds_total", total, 0.5)), List.of()),
                Arguments.of("per-CPU series of older cAdvisors are not counted again",
                        List.of(s("container_spec_cpu_quota", SHOP, 100_000), s("container_spec_cpu_period", SHOP, 100_000)),
                        List.of(rate("container_cpu_usage_seconds_total", total, 0.5),
                                rate("container_cpu_usage_seconds_total", Map.of("container", "shop", "cpu", "cpu00"), 0.5)),
                        List.of(s("cpu_usage_ratio", SHOP, 0.5))),
                Arguments.of("a usage series without a cpu label (the demo's) joins as is",
                        List.of(s("container_spec_cpu_quota", SHOP, 50_000), s("container_spec_cpu_period", SHOP, 100_000)),
                        List.of(rate("container_cpu_usage_seconds_total", SHOP, 0.25)), List.of(s("cpu_usage_ratio", SHOP, 0.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerCpu")
    void containerCpuUsageOverItsQuota(String scenario, List<Sample> gauges, List<Sample> rates, List<Sample> expected) {
        var cpu = new RateOverQuota("cpu_usage_ratio", "container_cpu_usage_seconds_total", "container_spec_cpu_quota", "container_spec_cpu_period");
        assertThat(cpu.derive(new SourceSeries(gauges, rates))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void hostCpuUsageIsOneMinusTheAverageIdleRateOverCpus() {
        var cpu = new OneMinusIdleRate("cpu_usage_ratio", "node_cpu_seconds_total");
        List<Sample> rates = List.of(
                rate("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"), 0.9),
                rate("node_cpu_seconds_total", Map.of("cpu", "1", "mode", "idle"), 0.5),
                rate("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "user"), 0.1),
                rate("node_cpu_seconds_total", Map.of("cpu", "1", "mode", "user"), 0.5));

        assertThat(cpu.derive(new SourceSeries(List.of(), rates))).singleElement().satisfies(sample -> {
            assertThat(sample.labels()).isEmpty();
            assertThat(sample.value()).isCloseTo(0.3, within(1e-12));
        });
    }

    @Test
    void hostCpuUsageStaysWithinZeroAndOneWhenScrapeTimingJitters() {
        var cpu = new OneMinusIdleRate("cpu_usage_ratio", "node_cpu_seconds_total");
        var series = new SourceSeries(List.of(), List.of(rate("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"), 1.03)));

        assertThat(cpu.derive(series)).extracting(Sample::value).containsExactly(0.0);
    }

    @Test
    void aRateIsPublishedUnderTheSignalsNameAndAGaugeAsItIs() {
        var series = new SourceSeries(List.of(s("queue_depth", Map.of("queue", "orders"), 42), s("container_up", SHOP, 1)),
                List.of(rate("queue_consumed_total", Map.of("queue", "orders"), 12.5)));

        assertThat(new Rate("queue_consumed_per_second", "queue_consumed_total").derive(series))
                .containsExactly(s("queue_consumed_per_second", Map.of("queue", "orders"), 12.5));
        assertThat(new Gauge("queue_depth", "queue_depth").derive(series)).containsExactly(s("queue_depth", Map.of("queue", "orders"), 42));
        assertThat(new Gauge("container_up", "container_up").derive(series)).containsExactly(s("container_up", SHOP, 1));
        assertThat(new Rate("queue_consumed_per_second", "queue_consumed_total").counters()).containsExactly("queue_consumed_total");
        assertThat(new Gauge("queue_depth", "queue_depth").counters()).isEmpty();
    }

    @Test
    void theDefaultsTurnTheDemoServicesCountersIntoRatesFromTheSecondScrapeOn() {
        var signals = new CanonicalSignals(new DerivationProperties(null).derivations(), Set.of(),
                new CounterRates(Duration.ofMinutes(10), 1000));
        List<Sample> first = demo(100.0, 1000, 10, 500, 20);
        List<Sample> second = demo(101.0, 1300, 70, 560, 25);

        List<Sample> firstSignals = signals.from("demo", first, T0);
        List<Sample> secondSignals = signals.from("demo", second, T0.plusSeconds(2));

        assertThat(firstSignals).extracting(Sample::name).containsExactlyInAnyOrder("memory_usage_ratio", "queue_depth", "container_up");
        assertThat(secondSignals).containsExactlyInAnyOrder(
                s("memory_usage_ratio", SHOP, 0.5),
                s("cpu_usage_ratio", SHOP, 0.25),
                s("http_requests_per_second", SHOP, 180),
                s("http_errors_per_second", SHOP, 30),
                s("queue_consumed_per_second", SHOP, 30),
                s("queue_depth", SHOP, 25),
                s("container_up", SHOP, 1));
    }

    /** What the demo service exposes: cAdvisor's names for a container with a 2-core quota. */
    private static List<Sample> demo(double cpuSeconds, double ok, double errors, double consumed, double depth) {
        return List.of(
                s("container_memory_working_set_bytes", SHOP, 512), s("container_spec_memory_limit_bytes", SHOP, 1024),
                s("container_cpu_usage_seconds_total", SHOP, cpuSeconds),
                s("container_spec_cpu_quota", SHOP, 200_000), s("container_spec_cpu_period", SHOP, 100_000),
                s(REQUESTS, Map.of("container", "shop", "code", "200"), ok), s(REQUESTS, Map.of("container", "shop", "code", "500"), errors),
                s("queue_consumed_total", SHOP, consumed), s("queue_depth", SHOP, depth), s("container_up", SHOP, 1));
    }

    private static Sample rate(String counter, Map<String, String> labels, double perSecond) {
        return new Sample(counter, labels, perSecond);
    }

    private static Sample s(String name, Map<String, String> labels, double value) {
        return new Sample(name, labels, value);
    }
}
