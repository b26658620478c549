package io.sentinel.collector.scrape;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.collector.derive.CanonicalSignals;
import io.sentinel.collector.derive.CounterRateProperties;
import io.sentinel.collector.derive.DerivationProperties;
import io.sentinel.collector.source.SourceSelection;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/** The scrape path: targets → exposition text → canonical signals → the signals topic, unless Prometheus is the source. */
@Configuration(proxyBeanMethods = false)
class ScrapeConfiguration {

    @Bean
    TargetScraper targetScraper(ScrapeProperties properties, Clock clock) {
        return new TargetScraper(properties.timeout(), clock);
    }

    @Bean
    CanonicalSignals canonicalSignals(DerivationProperties derivation, ScrapeProperties scrape, CounterRateProperties rates) {
        return new CanonicalSignals(derivation.derivations(), Set.copyOf(scrape.forwardMetrics()), rates.counterRates());
    }

    @Bean
    ScrapeTargetHealth scrapeTargetHealth(ScrapeProperties properties) {
        return new ScrapeTargetHealth(properties.targets());
    }

    @Bean
    ScrapeMetrics scrapeMetrics(MeterRegistry meters) {
        return new ScrapeMetrics(meters);
    }

    @Bean
    ScrapeRound scrapeRound(ScrapeProperties properties, TargetScraper scraper, CanonicalSignals signals, ScrapeTargetHealth health,
                            TargetHealthStore store, DirectEventPublisher publisher, ScrapeMetrics metrics) {
        return new ScrapeRound(properties.targets(), scraper, signals, health, store, publisher, metrics);
    }

    @Bean
    ScrapeSchedule scrapeSchedule(ScrapeProperties properties, ScrapeRound round, ScrapeTargetHealth health, TargetHealthStore store,
                                  SourceSelection selection, TaskScheduler taskScheduler) {
        return new ScrapeSchedule(properties, round, health, store, selection, taskScheduler);
    }

    /** The bean name makes it {@code scrapeTargets} in the health endpoint. */
    @Bean
    ScrapeTargetsHealthIndicator scrapeTargetsHealthIndicator(ScrapeTargetHealth health) {
        return new ScrapeTargetsHealthIndicator(health);
    }
}
