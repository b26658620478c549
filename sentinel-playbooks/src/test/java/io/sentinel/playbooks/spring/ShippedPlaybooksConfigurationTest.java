package io.sentinel.playbooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.ShippedPlaybooks;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippedPlaybooksConfigurationTest {

    private final PlaybookCatalogConfiguration configuration = new PlaybookCatalogConfiguration();

    @Test
    void loadsTheShippedSetsNamedByConfigurationNextToTheDeploymentsOwn() {
        var properties = new PlaybookProperties("classpath:playbooks/valid/", List.of("kubernetes"));

        assertThat(properties.locations()).containsExactly("classpath:playbooks/valid/", ShippedPlaybooks.KUBERNETES.location());
        assertThat(configuration.playbookCatalog(properties).all()).extracting(Playbook::id)
                .containsExactlyInAnyOrder("release-memory", "k8s-rollout-restart", "k8s-scale-up", "k8s-rollout-undo", "k8s-delete-pod");
    }

    @Test
    void shipsNothingUnlessConfigurationAsks() {
        var properties = new PlaybookProperties("classpath:playbooks/valid/", null);

        assertThat(properties.shipped()).isEmpty();
        assertThat(configuration.playbookCatalog(properties).all()).extracting(Playbook::id).containsExactly("release-memory");
    }

    @Test
    void refusesASetItDoesNotShipNamingTheProperty() {
        assertThatThrownBy(() -> new PlaybookProperties("classpath:playbooks/valid/", List.of("kubernetes", "k8s")))
                .hasMessage("sentinel.playbooks.shipped[1] 'k8s' is not a set of shipped playbooks; the sets are [kubernetes]");
        assertThatThrownBy(() -> new PlaybookProperties("classpath:playbooks/valid/", List.of("kubernetes", "kubernetes")))
                .hasMessageContaining("names a set twice");
    }

    @Test
    void aDeploymentPlaybookWithTheIdOfAShippedOneStopsTheStart() {
        var sameDirectory = new PlaybookProperties(ShippedPlaybooks.KUBERNETES.location(), List.of("kubernetes"));
        var sameId = new PlaybookProperties("classpath:playbooks/shadowing/", List.of("kubernetes"));

        assertThatThrownBy(() -> configuration.playbookCatalog(sameDirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("with sentinel.playbooks.shipped=[kubernetes] is unusable")
                .hasMessageContaining("is read twice");
        assertThatThrownBy(() -> configuration.playbookCatalog(sameId))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two playbooks have the id 'k8s-delete-pod'");
    }
}
