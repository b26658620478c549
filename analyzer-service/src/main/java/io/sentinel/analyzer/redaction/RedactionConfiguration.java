package io.sentinel.analyzer.redaction;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RedactionConfiguration {

    @Bean
    Redactor redactor(RedactionProperties properties) {
        return Redactor.configure(properties);
    }
}
