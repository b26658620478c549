package io.sentinel.playbooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaybookCatalogConfigurationTest {

    private final PlaybookCatalogConfiguration configuration = new PlaybookCatalogConfiguration();

    @Test
    void refusesToStartWithoutPlaybooksAndNamesTheProperty() {
        assertThatThrownBy(() -> configuration.playbookCatalog(new PlaybookProperties("classpath:no-playbooks-here/", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sentinel.playbooks.location=classpath:no-playbooks-here/ is unusable: ");
    }

    @Test
    void loadsTheCatalogFromTheConfiguredLocation() {
        assertThat(configuration.playbookCatalog(new PlaybookProperties("classpath:playbooks/valid/", null)).find("release-memory")).isPresent();
    }

    @Test
    void refusesABlankLocation() {
        assertThatThrownBy(() -> new PlaybookProperties(" ", null)).hasMessageContaining("sentinel.playbooks.location");
    }
}
