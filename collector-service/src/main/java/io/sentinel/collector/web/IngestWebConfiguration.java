package io.sentinel.collector.web;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.collector.ingest.IngestRateLimits;
import io.sentinel.collector.ingest.IngestTokens;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Guards everything under {@code /api/}: first the token, then the token's rate limit, then the
 * number of requests in flight. Actuator endpoints (health, prometheus) are not on this port at all:
 * they answer on the management port.
 */
@Configuration(proxyBeanMethods = false)
class IngestWebConfiguration {

    static final String INGEST_PATHS = "/api/*";

    @Bean
    FilterRegistrationBean<IngestTokenFilter> ingestTokenFilter(IngestTokens tokens) {
        var registration = new FilterRegistrationBean<>(new IngestTokenFilter(tokens));
        registration.addUrlPatterns(INGEST_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IngestRateLimitFilter> ingestRateLimitFilter(IngestRateLimits limits, MeterRegistry meters) {
        var registration = new FilterRegistrationBean<>(new IngestRateLimitFilter(limits, meters));
        registration.addUrlPatterns(INGEST_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 101);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IngestAdmissionFilter> ingestAdmissionFilter(Bulkhead ingestBulkhead) {
        var registration = new FilterRegistrationBean<>(new IngestAdmissionFilter(ingestBulkhead));
        registration.addUrlPatterns(INGEST_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 102);
        return registration;
    }
}
