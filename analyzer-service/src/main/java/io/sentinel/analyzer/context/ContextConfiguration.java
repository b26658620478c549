package io.sentinel.analyzer.context;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ContextConfiguration {

    /** Series whose last stored step is remembered in memory; beyond it the store drops repeats. */
    private static final int REMEMBERED_SERIES = 100_000;

    @Bean
    SignalSampling signalSampling(ContextProperties properties) {
        return new SignalSampling(properties, REMEMBERED_SERIES);
    }
}
