package io.sentinel.collector.scrape;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.collector.derive.CanonicalSignals;
import io.sentinel.collector.derive.DerivationProperties;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import java.time.Clock;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/** The scrape path: targets → exposition text → canonical signals → the signals topic. */
@Configuration(proxyBeanMethods = false)
class ScrapeConfiguration {

    @Bean
    TargetScraper targetScraper(ScrapeProperties properties, Clock clock) {
        return new TargetScraper(properties.timeout(), clock);
    }

    @Bean
    CanonicalSignals canonicalSignals(DerivationProperties derivation, ScrapeProperties scrape) {
        return new CanonicalSignals(derivation.derivations(), Set.copyOf(scrape.forwardMetrics()));
    }

    @Bean
    ScrapeTargetHealth scrapeTargetHealth(ScrapeProperties properties) {
        return new ScrapeTargetHealth(properties.targets());
    }

    @Bean
    ScrapeTargetDao scrapeTargetDao(Jdbi jdbi) {
        return jdbi.onDemand(ScrapeTargetDao.class);
    }

    @Bean
    ScrapeMetrics scrapeMetrics(MeterRegistry meters) {
        return new ScrapeMetrics(meters);
    }

    @Bean
    ScrapeRound scrapeRound(ScrapeProperties properties, TargetScraper scraper, CanonicalSignals signals, ScrapeTargetHealth health,
                            ScrapeTargetDao store, DirectEventPublisher publisher, ScrapeMetrics metrics) {
        return new ScrapeRound(properties.targets(), scraper, signals, health, store, publisher, metrics);
    }

    @Bean
    ScrapeSchedule scrapeSchedule(ScrapeProperties properties, ScrapeRound round, ScrapeTargetHealth health, ScrapeTargetDao store,
                                  TaskScheduler taskScheduler) {
        return new ScrapeSchedule(properties, round, health, store, taskScheduler);
    }

    /** The bean name makes it {@code scrapeTargets} in the health endpoint. */
    @Bean
    ScrapeTargetsHealthIndicator scrapeTargetsHealthIndicator(ScrapeTargetHealth health) {
        return new ScrapeTargetsHealthIndicator(health);
    }
}
