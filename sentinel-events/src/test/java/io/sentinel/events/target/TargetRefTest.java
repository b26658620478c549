package io.sentinel.events.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.settings.InventoryTargetSetting;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class TargetRefTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"http://user:pw@shop:8080", "file:///etc/passwd", "gopher://shop:70", "http://shop:8080/?next=evil",
            "http://shop:8080/#x", "//shop:8080", "http://", "http://sh op:80", " "})
    void refusesABaseUrlAnythingCouldBeSmuggledThrough(String url) {
        assertThatThrownBy(() -> new TargetRef("shop", "production", List.of(url), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("field 'target.urls[0]'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop", "shop/../etc", "-shop", "shop-", "shop prod", "shop_prod", "", "a..b", ".shop", "shop.", "shop.-x"})
    void refusesANameThatIsNotAnInventoryName(String name) {
        assertThatThrownBy(() -> new TargetRef(name, "production", List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "shop, CronJob, shop, field 'kubernetes.kind' must be one of",
            "Shop, Deployment, shop, field 'kubernetes.namespace' must be a Kubernetes namespace name",
            "shop, Deployment, shop/../kube-system, field 'kubernetes.name' must be a Kubernetes object name",
            "null, Deployment, shop, missing required field 'kubernetes.namespace'",
            "kube-system, Node, node-1, field 'kubernetes.namespace' must be absent for a Node"})
    void refusesKubernetesCoordinatesThatCouldNotNameAnObject(String namespace, String kind, String name, String problem) {
        assertThatThrownBy(() -> new KubernetesRef(namespace, kind, name)).hasMessageStartingWith(problem);
    }

    @Test
    void acceptsKindsCaseInsensitivelyAndKeepsTheirCanonicalSpelling() {
        assertThat(new KubernetesRef("shop", "statefulset", "db").kind()).isEqualTo("StatefulSet");
        assertThat(new KubernetesRef(null, "node", "node-1.eu-west").namespace()).isNull();
    }

    @Test
    void readsTheInventorySettingAndNamesWhatIsWrong() {
        TargetRef target = InventoryTargetSetting.read("inventory.targets.shop-prod",
                JSON.readTree("{\"environment\":\"production\",\"urls\":[\"http://shop.prod:8080\"],"
                        + "\"kubernetes\":{\"namespace\":\"shop\",\"kind\":\"Deployment\",\"name\":\"shop\"}}"));

        assertThat(target).isEqualTo(new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"),
                new KubernetesRef("shop", "Deployment", "shop")));
        assertThatThrownBy(() -> InventoryTargetSetting.read("inventory.targets.shop", JSON.readTree("{\"environment\":\"x\",\"shell\":\"sh\"}")))
                .hasMessageStartingWith("inventory.targets.shop: ").hasMessageContaining("shell");
        assertThatThrownBy(() -> InventoryTargetSetting.read("inventory.targets.shop", JSON.readTree("[]")))
                .hasMessage("inventory.targets.shop: the value must be an object {environment, urls, kubernetes}");
        assertThatThrownBy(() -> InventoryTargetSetting.read("inventory.targets.shop",
                JSON.readTree("{\"environment\":\"production\",\"urls\":[\"http://a:b@shop\"]}")))
                .hasMessageContaining("must not carry credentials");
        assertThatThrownBy(() -> InventoryTargetSetting.read("inventory.targets.", JSON.readTree("{}")))
                .hasMessageContaining("is not an inventory target setting");
    }
}
