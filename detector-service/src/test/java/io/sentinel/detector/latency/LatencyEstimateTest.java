package io.sentinel.detector.latency;

import static io.sentinel.detector.latency.LatencyEstimate.ERRORS;
import static io.sentinel.detector.latency.LatencyEstimate.LATENCY;
import static io.sentinel.detector.latency.LatencyEstimate.RECEIVED;
import static io.sentinel.detector.latency.LatencyEstimate.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LatencyEstimateTest {

    private static final LatencyEstimate DEFAULTS = LatencyEstimate.of(LatencyEstimateSetting.DEFAULTS);
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Map<String, String> ETH0 = Map.of("device", "eth0");

    static Stream<Arguments> formula() {
        return Stream.of(
                Arguments.of("an idle link", 0, 0, 0, 0.025),
                Arguments.of("100 MB/s in and out: 25 ms + 200 ms", 50e6, 50e6, 0, 0.225),
                Arguments.of("one error a second: 25 ms + 100 ms", 0, 0, 1, 0.125),
                Arguments.of("1 MB/s and half an error a second", 1e6, 0, 0.5, 0.077));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formula")
    void estimatesTwentyFiveMillisecondsPlusTwoPerMegabytePlusAHundredPerError(String scenario, double received, double sent,
                                                                               double errors, double seconds) {
        assertThat(DEFAULTS.seconds(received, sent, errors)).isCloseTo(seconds, within(1e-12));
    }

    @Test
    void labelsTheEstimateAndExplainsItWithItsInputs() {
        var batch = batch(sample(RECEIVED, ETH0, 60e6, T0), sample(SENT, ETH0, 40e6, T0.plusSeconds(1)), sample(ERRORS, ETH0, 0.2, T0));

        EstimatedLatency estimate = DEFAULTS.estimate(batch).getFirst();

        assertThat(estimate.sample().name()).isEqualTo(LATENCY);
        assertThat(estimate.sample().labels()).isEqualTo(Map.of("device", "eth0", "estimated", "true"));
        assertThat(estimate.sample().value()).isCloseTo(0.025 + 0.2 + 0.02, within(1e-12));
        assertThat(estimate.sample().at()).as("the newest input").isEqualTo(T0.plusSeconds(1));
        assertThat(estimate.explanation()).isEqualTo("estimated: 25 ms + 2 ms per MB/s + 100 ms per error/s"
                + " (received 60.0 MB/s + sent 40.0 MB/s, 0.200 errors/s)");
    }

    static Stream<Arguments> measuredOrNot() {
        MetricSample traffic = sample(RECEIVED, ETH0, 10e6, T0);
        return Stream.of(
                Arguments.of("network figures and no latency: estimated", List.of(traffic), 1),
                Arguments.of("errors alone are enough", List.of(sample(ERRORS, Map.of(), 3, T0)), 1),
                Arguments.of("a measured latency of the same series: not estimated",
                        List.of(traffic, sample(LATENCY, ETH0, 0.05, T0)), 0),
                Arguments.of("a measured latency of the whole resource covers every series",
                        List.of(traffic, sample(LATENCY, Map.of(), 0.05, T0)), 0),
                Arguments.of("a measured latency of another series does not",
                        List.of(traffic, sample(LATENCY, Map.of("route", "/checkout"), 0.05, T0)), 1),
                Arguments.of("no network figures: nothing to estimate from", List.of(sample("memory_usage_ratio", Map.of(), 0.5, T0)), 0),
                Arguments.of("two series: two estimates", List.of(traffic, sample(SENT, Map.of("device", "eth1"), 1e6, T0)), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("measuredOrNot")
    void estimatesOnlyWhereNoLatencyIsMeasured(String scenario, List<MetricSample> samples, int estimates) {
        assertThat(DEFAULTS.estimate(batch(samples.toArray(MetricSample[]::new)))).hasSize(estimates);
    }

    @Test
    void estimatesNothingWhenDisabled() {
        assertThat(LatencyEstimate.of(new LatencyEstimateSetting(false, null, null, null)).estimate(batch(sample(RECEIVED, Map.of(), 1e9, T0)))).isEmpty();
    }

    @Test
    void explainsOtherCoefficientsInTheirOwnTerms() {
        assertThat(LatencyEstimate.of(new LatencyEstimateSetting(true, 0.01, 0.0005, 0.25)).formula())
                .isEqualTo("estimated: 10 ms + 0.5 ms per MB/s + 250 ms per error/s");
    }

    @Test
    void badCoefficientsNameTheProperty() {
        assertThatThrownBy(() -> new LatencyEstimateSetting(true, -0.1, null, null))
                .hasMessage("base-seconds must be a non-negative number, was -0.1");
    }

    private static MetricBatch batch(MetricSample... samples) {
        return new MetricBatch("scrape", "edge-1", Map.of(), T0, List.of(samples), null);
    }

    private static MetricSample sample(String name, Map<String, String> labels, double value, Instant at) {
        return new MetricSample(name, labels, value, at);
    }
}
