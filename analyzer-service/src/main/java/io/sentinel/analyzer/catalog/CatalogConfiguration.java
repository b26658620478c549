package io.sentinel.analyzer.catalog;

import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.PlaybookDefinitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the catalog once at start-up: an analyzer that cannot read it must not start at all. */
@Configuration
class CatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

    @Bean
    PlaybookCatalog playbookCatalog(PlaybookProperties properties) {
        try {
            PlaybookCatalog catalog = PlaybookCatalog.load(properties.location());
            log.info("playbook catalog loaded location={} playbooks={}", properties.location(),
                    catalog.all().stream().map(Playbook::id).toList());
            return catalog;
        } catch (PlaybookDefinitionException e) {
            throw new IllegalStateException("sentinel.playbooks.location=" + properties.location() + " is unusable: " + e.getMessage(), e);
        }
    }
}
