package io.sentinel.collector.web;

import io.sentinel.collector.ingest.IngestGate;
import io.sentinel.collector.ingest.IngestTokens;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Guards everything under {@code /api/}: first the token, then the number of requests in flight.
 * Actuator endpoints (health, prometheus) are outside and stay public.
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
    FilterRegistrationBean<IngestAdmissionFilter> ingestAdmissionFilter(IngestGate gate) {
        var registration = new FilterRegistrationBean<>(new IngestAdmissionFilter(gate));
        registration.addUrlPatterns(INGEST_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 101);
        return registration;
    }
}
