package io.sentinel.gateway.settings;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** An inventory target decides what the executor calls and how risky an action is: nothing doubtful is published. */
class SettingRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SettingRules rules = new SettingRules(List.of("development", "staging", "production"));

    @Test
    void acceptsAWellFormedTargetInAListedEnvironment() {
        assertThatCode(() -> check("inventory.targets.shop-eu", """
                {"environment": "production", "urls": ["http://shop.prod:8080", "https://shop.example.com/base"],
                 "kubernetes": {"namespace": "shop", "kind": "Deployment", "name": "shop"}}""")).doesNotThrowAnyException();
        assertThatCode(() -> check("inventory.targets.batch.node-1", """
                {"environment": "staging", "kubernetes": {"kind": "node", "name": "node-1.cluster.local"}}""")).doesNotThrowAnyException();
    }

    @Test
    void leavesOtherServicesSettingsToThem() {
        assertThatCode(() -> check("detector.novelty.learn-for", "\"5m\"")).doesNotThrowAnyException();
        assertThatCode(() -> check("detector.threshold.x", "{\"anything\": true}")).doesNotThrowAnyException();
    }

    static Stream<Arguments> hostileTargets() {
        String name = "inventory.targets.shop";
        return Stream.of(
                Arguments.of("credentials in a URL", name, "{\"environment\": \"production\", \"urls\": [\"http://user:pw@x:80\"]}",
                        "inventory.targets.shop: field 'target.urls[0]' must not carry credentials"),
                Arguments.of("a file URL", name, "{\"environment\": \"production\", \"urls\": [\"file:///etc/passwd\"]}",
                        "inventory.targets.shop: field 'target.urls[0]' must be an http or https URL, was 'file:///etc/passwd'"),
                Arguments.of("a file URL as the whole value", name, "\"file:///etc/passwd\"",
                        "inventory.targets.shop: the value must be an object {environment, urls, kubernetes}"),
                Arguments.of("a URL with a query", name, "{\"environment\": \"production\", \"urls\": [\"http://x/?next=http://evil\"]}",
                        "inventory.targets.shop: field 'target.urls[0]' must not have a query or fragment"),
                Arguments.of("a URL without a host", name, "{\"environment\": \"production\", \"urls\": [\"http:///actions\"]}",
                        "inventory.targets.shop: field 'target.urls[0]' must name a host"),
                Arguments.of("an unknown field", name, "{\"environment\": \"production\", \"headers\": {\"Authorization\": \"x\"}}",
                        "inventory.targets.shop: "),
                Arguments.of("a name in the value", name, "{\"name\": \"other\", \"environment\": \"production\"}",
                        "inventory.targets.shop: "),
                Arguments.of("an unknown Kubernetes kind", name,
                        "{\"environment\": \"production\", \"kubernetes\": {\"namespace\": \"kube-system\", \"kind\": \"Secret\", \"name\": \"x\"}}",
                        "inventory.targets.shop: field 'kubernetes.kind' must be one of [DaemonSet, Deployment, Node, StatefulSet], was 'Secret'"),
                Arguments.of("a Kubernetes name with a path", name,
                        "{\"environment\": \"production\", \"kubernetes\": {\"namespace\": \"shop\", \"kind\": \"Deployment\", \"name\": \"../x\"}}",
                        "inventory.targets.shop: field 'kubernetes.name' must be a Kubernetes object name"),
                Arguments.of("an environment not listed", name, "{\"environment\": \"prod\", \"urls\": [\"http://shop:8080\"]}",
                        "inventory.targets.shop: field 'environment' must be one of [development, staging, production] "
                                + "(sentinel.inventory.environments), was 'prod'"),
                Arguments.of("an environment in another case", name, "{\"environment\": \"Production\"}",
                        "inventory.targets.shop: field 'environment' must be one of"),
                Arguments.of("no environment", name, "{\"urls\": [\"http://shop:8080\"]}",
                        "inventory.targets.shop: missing required field 'target.environment'"),
                Arguments.of("an array", name, "[{\"environment\": \"production\"}]",
                        "inventory.targets.shop: the value must be an object"),
                Arguments.of("a target name too long", "inventory.targets." + "a".repeat(64), "{\"environment\": \"production\"}",
                        "inventory.targets." + "a".repeat(64) + ": field 'target.name' must be dot-separated lowercase letters"),
                Arguments.of("a target name ending in a dash", "inventory.targets.shop-", "{\"environment\": \"production\"}",
                        "inventory.targets.shop-: field 'target.name' must be dot-separated lowercase letters"),
                Arguments.of("another inventory setting", "inventory.environments", "[\"production\", \"anything\"]",
                        "setting name 'inventory.environments': the inventory's runtime settings are inventory.targets.<target name>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTargets")
    void refusesAHostileTargetNamingWhatIsWrong(String scenario, String name, String value, String message) {
        assertThatThrownBy(() -> check(name, value)).isInstanceOf(InvalidSettingException.class).hasMessageStartingWith(message);
    }

    @Test
    void namesAnUnknownField() {
        assertThatThrownBy(() -> check("inventory.targets.shop", "{\"environment\": \"production\", \"headers\": {}}"))
                .hasMessageStartingWith("inventory.targets.shop: ").hasMessageContaining("\"headers\"");
    }

    @Test
    void anEnvironmentMustBeOneOfThoseConfigured() {
        var custom = new SettingRules(List.of("lab", "live"));
        assertThatCode(() -> custom.check(new SettingName("inventory.targets.shop"), JSON.readTree("{\"environment\": \"live\"}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> custom.check(new SettingName("inventory.targets.shop"), JSON.readTree("{\"environment\": \"production\"}")))
                .hasMessage("inventory.targets.shop: field 'environment' must be one of [lab, live] (sentinel.inventory.environments), "
                        + "was 'production'");
    }

    private void check(String name, String value) {
        rules.check(new SettingName(name), JSON.readTree(value));
    }
}
