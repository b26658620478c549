package io.sentinel.executor.catalog;

import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.PlaybookDefinitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The playbooks this executor may run, loaded once at start-up: an unusable catalog stops the service. */
@Configuration
class CatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

    @Bean
    PlaybookCatalog playbookCatalog(PlaybookProperties properties) {
        try {
            PlaybookCatalog catalog = PlaybookCatalog.load(properties.location());
            log.info("playbook catalog loaded location={} playbooks={}", properties.location(), catalog.all().size());
            return catalog;
        } catch (PlaybookDefinitionException e) {
            throw new IllegalStateException("sentinel.playbooks.location=" + properties.location() + ": " + e.getMessage(), e);
        }
    }
}
