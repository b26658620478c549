package io.sentinel.detector.it;

import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resource without a latency histogram gets a latency estimated from its network, judged by the latency threshold. */
class LatencyEstimateIntegrationTest extends SharedDetectorEvents {

    @Test
    void aSaturatedLinkWithoutMeasuredLatencyBreachesTheLatencyThresholdThroughTheEstimate() {
        setting("detector.threshold.it-latency-high", """
                {"signal": "http_request_latency_seconds", "above": 0.2, "clear-below": 0.15, "title": "Request latency above 200 ms on {resource}"}""");
        Instant at = Instant.now().truncatedTo(SECONDS);
        sender.send(network("it-edge-measured", at, 0.05));
        sender.send(network("it-edge-estimated", at, null));

        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals("it-edge-estimated"));
        assertThat(opened.rule()).isEqualTo("it-latency-high");
        assertThat(opened.target()).as("the estimate judges the batch, whose target it keeps").isEqualTo("edge.staging");
        assertThat(opened.labels()).containsEntry("estimated", "true");
        assertThat(opened.observation().value()).as("25 ms + 2 ms x 100 MB/s + 100 ms x 0.1 errors/s").isBetween(0.23499, 0.23501);
        assertThat(opened.observation().detail()).isEqualTo("http_request_latency_seconds 0.2350 > 0.2000; estimated: 25 ms + 2 ms per"
                + " MB/s + 100 ms per error/s (received 70.0 MB/s + sent 30.0 MB/s, 0.100 errors/s)");

        awaitProcessed("it-edge-measured");
        assertThat(incidents("it-edge-measured", "it-latency-high")).as("its measured 50 ms is what counts").isZero();
        removeSetting("detector.threshold.it-latency-high");
    }

    /** 70 MB/s in, 30 MB/s out, 0.1 errors/s; and a measured latency when given. */
    private static MetricBatch network(String resource, Instant at, Double measuredLatency) {
        List<MetricSample> samples = new ArrayList<>(List.of(
                new MetricSample("network_receive_bytes_per_second", Map.of(), 70e6, at),
                new MetricSample("network_transmit_bytes_per_second", Map.of(), 30e6, at),
                new MetricSample("network_errors_per_second", Map.of(), 0.1, at)));
        if (measuredLatency != null) {
            samples.add(new MetricSample("http_request_latency_seconds", Map.of(), measuredLatency, at));
        }
        return new MetricBatch("scrape", resource, Map.of("environment", "staging"), at, samples, "edge.staging");
    }
}
