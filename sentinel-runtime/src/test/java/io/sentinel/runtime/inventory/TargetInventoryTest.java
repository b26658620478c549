package io.sentinel.runtime.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TargetInventoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RuntimeSettings settings = new RuntimeSettings();
    private final TargetInventory inventory = new TargetInventory(new InventoryProperties(null, List.of(
            new ConfiguredTarget("shop-staging", "staging", List.of("http://shop.staging:8080"), null),
            new ConfiguredTarget("shop-prod", "production", List.of("http://shop.prod:8080"), new KubernetesRef("shop", "Deployment", "shop")))),
            settings);

    @Test
    void findsConfiguredTargetsAndTreatsEverythingElseAsTheMostSensitiveEnvironment() {
        assertThat(inventory.find("shop-prod")).contains(new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"),
                new KubernetesRef("shop", "Deployment", "shop")));
        assertThat(inventory.environmentOf("shop-staging")).isEqualTo("staging");
        assertThat(inventory.environmentOf("shop-nobody-listed")).isEqualTo("production");
        assertThat(inventory.environmentOf(null)).isEqualTo("production");
        assertThat(inventory.find(null)).isEmpty();
    }

    @Test
    void aRuntimeSettingAddsOrReplacesATargetAndItsRemovalRestoresTheConfiguredOne() {
        change("inventory.targets.shop-staging", "{\"environment\":\"production\",\"urls\":[\"http://shop.staging.new:8080\"]}");
        change("inventory.targets.billing", "{\"environment\":\"staging\",\"urls\":[]}");

        assertThat(inventory.environmentOf("shop-staging")).isEqualTo("production");
        assertThat(inventory.find("shop-staging").orElseThrow().url()).isEqualTo("http://shop.staging.new:8080");
        assertThat(inventory.find("billing")).isPresent();

        settings.apply(envelope(new SettingRemoved("inventory.targets.shop-staging", "admin", Instant.now())));
        assertThat(inventory.find("shop-staging").orElseThrow().url()).isEqualTo("http://shop.staging:8080");
    }

    @Test
    void ignoresARuntimeValueThatDoesNotFitAndKeepsTheConfiguredTarget() {
        change("inventory.targets.shop-staging", "{\"environment\":\"prod\",\"urls\":[\"http://shop.staging:8080\"]}");
        change("inventory.targets.evil", "{\"environment\":\"staging\",\"urls\":[\"http://user:pw@evil:80\"]}");
        change("inventory.targets.BadName", "{\"environment\":\"staging\"}");
        change("inventory.targets.extra", "{\"environment\":\"staging\",\"command\":\"rm -rf /\"}");

        assertThat(inventory.environmentOf("shop-staging")).as("'prod' is not an environment").isEqualTo("staging");
        assertThat(inventory.find("evil")).isEmpty();
        assertThat(inventory.find("BadName")).isEmpty();
        assertThat(inventory.find("extra")).isEmpty();
    }

    @Test
    void refusesAConfiguredInventoryThatCannotMeanAnythingNamingTheProperty() {
        assertThatThrownBy(() -> new InventoryProperties(null, List.of(new ConfiguredTarget("shop", "prod", List.of(), null))))
                .hasMessage("sentinel.inventory.targets[0].environment 'prod' is not one of sentinel.inventory.environments "
                        + "[development, staging, production]");
        assertThatThrownBy(() -> new InventoryProperties(null, List.of(
                new ConfiguredTarget("shop", "staging", List.of("ftp://shop"), null))))
                .hasMessageStartingWith("sentinel.inventory.targets[0]: field 'target.urls[0]' must be an http or https URL");
        assertThatThrownBy(() -> new InventoryProperties(null, List.of(new ConfiguredTarget("shop", "staging", List.of(), null),
                new ConfiguredTarget("shop", "production", List.of(), null))))
                .hasMessage("sentinel.inventory.targets[1].name 'shop' is listed twice");
        assertThatThrownBy(() -> new InventoryProperties(List.of("staging", "staging"), List.of()))
                .hasMessageStartingWith("sentinel.inventory.environments names an environment twice");
    }

    private void change(String name, String json) {
        settings.apply(envelope(new SettingChanged(name, JSON.readTree(json), "admin", Instant.now())));
    }

    private static EventEnvelope<ConfigEvent> envelope(ConfigEvent event) {
        return new EventEnvelope<>(EventIds.random(), "gateway", Instant.now(), TraceParent.root(), event);
    }
}
