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

/**
 * Every setting is checked by its contract before it is published; an inventory target decides what the
 * executor calls and how risky an action is: nothing doubtful is published.
 */
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
    void acceptsWhatTheDetectorApplies() {
        assertThatCode(() -> check("detector.novelty.learn-for", "\"5m\"")).doesNotThrowAnyException();
        assertThatCode(() -> check("detector.llm.error-cascade.min-traces", "50")).doesNotThrowAnyException();
        assertThatCode(() -> check("detector.threshold.memory-usage-high", """
                {"signal": "memory_usage_ratio", "above": 0.70, "clear-below": 0.65, "for": "30s", "severity": "warning"}"""))
                .doesNotThrowAnyException();
        assertThatCode(() -> check("detector.silences", """
                [{"id": "s1", "matchers": {"service": "shop"}, "ends-at": "2026-03-01T05:00:00Z", "comment": "by hand"}]"""))
                .doesNotThrowAnyException();
        assertThatCode(() -> check("detector.flapping", "{\"max-openings\": 3}")).doesNotThrowAnyException();
    }

    static Stream<Arguments> detectorValuesTheDetectorWouldIgnore() {
        return Stream.of(
                Arguments.of("a threshold of a field the rule does not have", "detector.threshold.x", "{\"anything\": true}",
                        "detector.threshold.x: unknown field \"anything\""),
                Arguments.of("a threshold that could never clear", "detector.threshold.x",
                        "{\"signal\": \"s\", \"above\": 0.5, \"clear-below\": 0.6}",
                        "detector.threshold.x: clear-below (0.6) must not exceed above (0.5)"),
                Arguments.of("a threshold named like an external alert", "detector.threshold.alert:disk",
                        "{\"signal\": \"s\", \"above\": 1}", "setting name 'detector.threshold.alert:disk' may contain only"),
                Arguments.of("a duration that is none", "detector.novelty.learn-for", "\"soon\"", "detector.novelty.learn-for: "),
                Arguments.of("a property out of range", "detector.llm.error-cascade.min-rate", "1.5",
                        "detector.llm.error-cascade: min-rate must be between 0 and 1 (exclusive), was 1.5"),
                Arguments.of("a property there is not", "detector.novelty.forget-for", "\"5m\"",
                        "detector.novelty.forget-for: there is no such setting"),
                Arguments.of("a setting nobody applies", "detector.thresholds.x", "{}", "'detector.thresholds.x' is not a runtime setting"),
                Arguments.of("a silence matcher RE2 refuses (look-around)", "detector.silences",
                        "[{\"id\": \"s\", \"matchers\": {\"rule\": \"(?=x).*\"}, \"ends-at\": \"2026-03-01T05:00:00Z\"}]",
                        "detector.silences[0]: matchers.rule is not a valid regular expression (RE2 syntax"),
                Arguments.of("a silence that never ends", "detector.silences", "[{\"id\": \"s\", \"matchers\": {\"a\": \"b\"}}]",
                        "detector.silences[0]: ends-at is required"),
                Arguments.of("flapping that never flaps", "detector.flapping", "{\"max-openings\": 1}",
                        "detector.flapping: max-openings must be at least 2, was 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectorValuesTheDetectorWouldIgnore")
    void refusesADetectorValueTheDetectorWouldIgnoreNamingTheField(String scenario, String name, String value, String message) {
        assertThatThrownBy(() -> check(name, value)).isInstanceOf(InvalidSettingException.class).hasMessageStartingWith(message);
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
