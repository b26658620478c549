package io.sentinel.collector.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The Prometheus source's own metrics, on {@code /actuator/prometheus}. */
public final class PrometheusMetrics {

    private final MeterRegistry registry;
    private final Counter published;

    public PrometheusMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Shared with the scrape path: what reached the signals topic, whichever source it came from.
        this.published = Counter.builder("sentinel.collector.samples.published")
                .description("Samples published to the signals topic and acknowledged by Kafka").register(registry);
    }

    /** @param answered whether Prometheus answered the round (at least one query succeeded) */
    public void round(boolean answered) {
        Counter.builder("sentinel.collector.rounds").description("Collection rounds, by source")
                .tag("source", "prometheus").tag("outcome", answered ? "success" : "failure")
                .register(registry).increment();
    }

    public void queried(String signal, PrometheusAnswer answer, Duration took) {
        Counter.builder("sentinel.collector.prometheus.queries").description("Queries asked of Prometheus")
                .tag("signal", signal).tag("outcome", answer instanceof PrometheusAnswer.Data ? "success" : "failure")
                .register(registry).increment();
        Timer.builder("sentinel.collector.prometheus.query.duration").description("Time for Prometheus to answer a query")
                .tag("signal", signal).register(registry).record(took);
    }

    /** Values or series an answer held that could not become signals; {@code reason}: non-finite, no-resource-label. */
    public void skipped(String reason, int count) {
        if (count > 0) {
            Counter.builder("sentinel.collector.prometheus.skipped").description("Values or series of Prometheus answers not published")
                    .tag("reason", reason).register(registry).increment(count);
        }
    }

    public void warned(int warnings) {
        if (warnings > 0) {
            Counter.builder("sentinel.collector.prometheus.warnings").description("Warnings Prometheus attached to its answers")
                    .register(registry).increment(warnings);
        }
    }

    public void published(int samples) {
        published.increment(samples);
    }

    public void backfilled(int samples) {
        Counter.builder("sentinel.collector.prometheus.backfill.samples").description("Historic samples published at start-up")
                .register(registry).increment(samples);
    }
}
