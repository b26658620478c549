package io.sentinel.collector.scrape;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.collector.exposition.Exposition;
import java.time.Duration;

/** The collector's own metrics, on {@code /actuator/prometheus}. */
public final class ScrapeMetrics {

    private final MeterRegistry registry;
    private final Counter published;

    public ScrapeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder("sentinel.collector.samples.published")
                .description("Samples published to the signals topic and acknowledged by Kafka").register(registry);
    }

    public void attempted(String target, ScrapeOutcome outcome, Duration took) {
        Counter.builder("sentinel.collector.scrapes").description("Scrape attempts")
                .tag("target", target).tag("outcome", outcome instanceof ScrapeOutcome.Scraped ? "success" : "failure")
                .register(registry).increment();
        Timer.builder("sentinel.collector.scrape.duration").description("Time to fetch and read a target's exposition")
                .tag("target", target).register(registry).record(took);
    }

    /** @param anyScraped whether at least one target answered the round */
    public void round(boolean anyScraped) {
        Counter.builder("sentinel.collector.rounds").description("Collection rounds, by source")
                .tag("source", "scrape").tag("outcome", anyScraped ? "success" : "failure")
                .register(registry).increment();
    }

    /** Lines and values a scrape could not use; a rising count is an exporter bug worth a look. */
    public void skipped(String target, Exposition exposition) {
        skipped(target, "malformed", exposition.malformedLines());
        skipped(target, "non-finite", exposition.nonFiniteValues());
    }

    public void published(int samples) {
        published.increment(samples);
    }

    private void skipped(String target, String reason, int count) {
        if (count > 0) {
            Counter.builder("sentinel.collector.scrape.skipped").description("Exposition lines or values skipped")
                    .tag("target", target).tag("reason", reason).register(registry).increment(count);
        }
    }
}
