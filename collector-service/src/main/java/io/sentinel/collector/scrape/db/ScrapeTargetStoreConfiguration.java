package io.sentinel.collector.scrape.db;

import io.sentinel.collector.scrape.TargetHealthStore;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scrape targets' health kept in PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class ScrapeTargetStoreConfiguration {

    /** On demand: each call runs in a handle of its own, as a round saves one target at a time. */
    @Bean
    TargetHealthStore targetHealthStore(Jdbi jdbi) {
        return jdbi.onDemand(ScrapeTargetDao.class);
    }
}
