package io.sentinel.collector.ingest;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.sentinel.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Who may ingest, and how much at once. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    /** The plaintext token from the environment is hashed here and never kept, logged or exposed as a property. */
    @Bean
    IngestTokens ingestTokens(IngestProperties properties, Environment environment) {
        IngestTokens tokens = IngestTokens.of(properties.tokens(), environment.getProperty(IngestTokens.ENVIRONMENT_VARIABLE));
        if (tokens.none()) {
            log.warn("no ingest tokens configured (sentinel.collector.ingest.tokens or {}): the ingest endpoints and the Alertmanager "
                    + "receiver answer 503 until one is", IngestTokens.ENVIRONMENT_VARIABLE);
        } else {
            log.info("ingest open to tokens={} maxBodyBytes={} maxItems={} maxInFlightRequests={} requestsPerSecondPerToken={} burst={}",
                    tokens.count(), properties.maxBodyBytes().toBytes(), properties.maxItems(), properties.maxInFlightRequests(),
                    properties.rateLimit().requestsPerSecond(), properties.rateLimit().burst());
        }
        return tokens;
    }

    @Bean
    IngestRateLimits ingestRateLimits(IngestProperties properties) {
        return IngestRateLimits.of(properties.rateLimit(), properties.tokens(), System::nanoTime);
    }

    @Bean
    Bulkhead ingestBulkhead(IngestProperties properties) {
        return IngestBulkhead.of(properties.maxInFlightRequests());
    }

    @Bean
    EncodedSize encodedSize(EventCodec codec) {
        return new EncodedSize(codec);
    }
}
