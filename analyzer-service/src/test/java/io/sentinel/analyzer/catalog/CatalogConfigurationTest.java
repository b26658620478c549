package io.sentinel.analyzer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CatalogConfigurationTest {

    @Test
    void refusesToStartWithoutPlaybooksAndNamesTheProperty() {
        assertThatThrownBy(() -> new CatalogConfiguration().playbookCatalog(new PlaybookProperties("classpath:no-playbooks-here/")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sentinel.playbooks.location=classpath:no-playbooks-here/ is unusable: ");
    }

    @Test
    void loadsTheCatalogFromTheConfiguredLocation() {
        assertThat(new CatalogConfiguration().playbookCatalog(new PlaybookProperties("classpath:playbooks/")).find("restart-service"))
                .isPresent();
    }
}
