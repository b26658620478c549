package io.sentinel.playbooks.spring;

import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.PlaybookDefinitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the catalog once at start-up: a service that cannot read it must not start at all. Opt-in
 * ({@code @Import} it): only the services that propose or run playbooks need a catalog, and in the
 * local stack every service shares one classpath.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlaybookProperties.class)
public class PlaybookCatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlaybookCatalogConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    PlaybookCatalog playbookCatalog(PlaybookProperties properties) {
        try {
            PlaybookCatalog catalog = PlaybookCatalog.load(properties.locations());
            log.info("playbook catalog loaded location={} shipped={} playbooks={}", properties.location(), properties.shipped(),
                    catalog.all().stream().map(Playbook::id).toList());
            return catalog;
        } catch (PlaybookDefinitionException e) {
            String shipped = properties.shipped().isEmpty() ? "" : " with sentinel.playbooks.shipped=" + properties.shipped();
            throw new IllegalStateException("sentinel.playbooks.location=" + properties.location() + shipped + " is unusable: "
                    + e.getMessage(), e);
        }
    }
}
