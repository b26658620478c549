package io.sentinel.collector.prometheus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.collector.scrape.ScrapeProperties;
import io.sentinel.collector.source.SignalSourceHealthIndicator;
import io.sentinel.collector.source.SourceSelection;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/** Where metric signals come from: Prometheus when one is configured, with the scrape targets as fallback. */
@Configuration(proxyBeanMethods = false)
class PrometheusConfiguration {

    @Bean
    SourceSelection sourceSelection(PrometheusProperties properties, Clock clock, MeterRegistry meters) {
        SourceSelection selection = properties.configured()
                ? SourceSelection.preferPrometheus(properties.fallbackAfter(), clock.instant())
                : SourceSelection.scrapeOnly(clock.instant());
        Gauge.builder("sentinel.collector.source.degraded", selection, s -> s.state().degraded() ? 1 : 0)
                .description("1 while the collector scrapes the targets itself because Prometheus is not answering").register(meters);
        return selection;
    }

    /** The bean name makes it {@code signalSource} in the health endpoint. */
    @Bean
    SignalSourceHealthIndicator signalSourceHealthIndicator(SourceSelection selection, PrometheusProperties properties) {
        return new SignalSourceHealthIndicator(selection, properties.configured() ? properties.url().toString() : null);
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(PrometheusConfigured.class)
    static class Queries {

        @Bean(destroyMethod = "close")
        PrometheusClient prometheusClient(PrometheusProperties properties) {
            return new PrometheusClient(properties.url(), properties.timeout(), properties.maxResponseBytes().toBytes());
        }

        @Bean
        PrometheusMetrics prometheusMetrics(MeterRegistry meters) {
            return new PrometheusMetrics(meters);
        }

        @Bean
        PrometheusRound prometheusRound(PrometheusProperties properties, PrometheusClient client, SourceSelection selection,
                                        DirectEventPublisher publisher, PrometheusMetrics metrics, Clock clock, ScrapeProperties scrape) {
            return new PrometheusRound(properties, client, selection, publisher, metrics, clock, scrape.targets().size());
        }

        @Bean
        PrometheusBackfill prometheusBackfill(PrometheusProperties properties, PrometheusClient client, DirectEventPublisher publisher,
                                              PrometheusMetrics metrics, Clock clock) {
            return new PrometheusBackfill(properties, client, publisher, metrics, clock);
        }

        @Bean
        PrometheusSchedule prometheusSchedule(PrometheusProperties properties, PrometheusRound round, PrometheusBackfill backfill,
                                              TaskScheduler taskScheduler) {
            return new PrometheusSchedule(properties, round, backfill, taskScheduler);
        }
    }
}
