package io.sentinel.executor.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.inventory.InventoryProperties;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TargetCheckTest {

    private static final KubernetesRef WEB = new KubernetesRef("shop", "Deployment", "shop-web");
    private static final TargetRef AUTHORIZED = new TargetRef("shop-prod", "production", List.of("http://shop.internal:8080"), WEB);

    private final RuntimeSettings settings = new RuntimeSettings();
    private final TargetCheck check = new TargetCheck(new TargetInventory(new InventoryProperties(null,
            List.of(new ConfiguredTarget("shop-prod", "production", List.of("http://shop.internal:8080"), WEB))), settings));

    @Test
    void aTargetAsAuthorizedMayBeActedOn() {
        assertThat(check.problem(AUTHORIZED)).isEmpty();
        assertThat(check.problem(null)).as("no target, nothing to compare").isEmpty();
    }

    @Test
    void aTargetReRoutedSinceTheAuthorizationIsNotActedOn() {
        change("shop-prod", "{\"environment\": \"production\", \"urls\": [\"http://attacker.example:80\"],"
                + " \"kubernetes\": {\"namespace\": \"shop\", \"kind\": \"Deployment\", \"name\": \"shop-web\"}}");

        assertThat(check.problem(AUTHORIZED)).hasValue("target shop-prod changed since the action was authorized: "
                + "urls [http://shop.internal:8080] -> [http://attacker.example:80]");
    }

    @Test
    void aTargetMovedToAnotherWorkloadOrEnvironmentIsNotActedOn() {
        change("shop-prod", "{\"environment\": \"staging\", \"urls\": [\"http://shop.internal:8080\"],"
                + " \"kubernetes\": {\"namespace\": \"kube-system\", \"kind\": \"DaemonSet\", \"name\": \"kube-proxy\"}}");

        assertThat(check.problem(AUTHORIZED)).hasValue("target shop-prod changed since the action was authorized: "
                + "kubernetes Deployment shop/shop-web -> DaemonSet kube-system/kube-proxy; environment production -> staging");
    }

    @Test
    void aTargetNoLongerListedIsNotActedOn() {
        TargetRef unlisted = new TargetRef("shop-gone", "production", List.of("http://gone.internal:80"), null);

        assertThat(check.problem(unlisted)).hasValue("target shop-gone is no longer in the inventory; the action was authorized for "
                + "urls [http://gone.internal:80]");
    }

    @Test
    void followsTheInventoryBackToItsConfiguration() {
        change("shop-prod", "{\"environment\": \"production\", \"urls\": [\"http://elsewhere:80\"]}");
        assertThat(check.problem(AUTHORIZED)).isPresent();

        settings.apply(envelope(new SettingRemoved("inventory.targets.shop-prod", "admin", Instant.now())));

        assertThat(check.problem(AUTHORIZED)).isEmpty();
    }

    private void change(String name, String json) {
        settings.apply(envelope(new SettingChanged("inventory.targets." + name, JsonMapper.shared().readTree(json), "admin",
                Instant.now())));
    }

    private static EventEnvelope<ConfigEvent> envelope(ConfigEvent event) {
        return new EventEnvelope<>(EventIds.random(), "gateway", Instant.now(), TraceParent.root(), event);
    }
}
