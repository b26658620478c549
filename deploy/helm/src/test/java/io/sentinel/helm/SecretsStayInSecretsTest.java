package io.sentinel.helm;

import static io.sentinel.helm.Manifest.list;
import static io.sentinel.helm.Manifest.map;
import static io.sentinel.helm.SentinelChart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** No secret value is ever rendered into a ConfigMap or a plain environment variable. */
class SecretsStayInSecretsTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(password|secret|token|api.?key|private.?key|admin.?key|credential)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Z0-9_]+:?}");

    static Stream<Arguments> renderings() {
        return Stream.of(Arguments.of("default", SentinelChart.defaults().render()),
                Arguments.of("production", SentinelChart.example("production").render()),
                Arguments.of("quickstart", SentinelChart.example("quickstart").render()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void configMapsHoldOnlyPlaceholdersWhereSecretsGo(String values, Manifest manifest) {
        assertThat(manifest.all("Secret")).as("the chart never creates a Secret: it only names existing ones").isEmpty();
        List<String> found = new ArrayList<>();
        for (Map<String, Object> configMap : manifest.all("ConfigMap")) {
            for (Map.Entry<String, Object> entry : map(configMap, "data").entrySet()) {
                String text = String.valueOf(entry.getValue());
                assertThat(text).as(entry.getKey()).doesNotContain("PRIVATE KEY");
                if (entry.getKey().endsWith(".yaml") && !entry.getKey().contains("playbook")) {
                    collectSecretValues(entry.getKey(), SentinelChart.yaml().load(text), found);
                }
            }
        }
        assertThat(found).as("secret-looking settings with values in ConfigMaps").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void secretVariablesAreReadFromSecretsNeverWrittenOut(String values, Manifest manifest) {
        for (String service : SERVICES) {
            List<Map<String, Object>> env = list(manifest.container(service), "env");
            for (Map<String, Object> variable : env) {
                String name = (String) variable.get("name");
                if (SECRET_NAME.matcher(name).find() && !name.endsWith("_FILE") && !name.startsWith("SENTINEL_TRUSTED_KEY_")) {
                    assertThat(variable).as(service + " " + name).doesNotContainKey("value");
                    assertThat(map(variable, "valueFrom")).as(service + " " + name).containsOnlyKeys("secretKeyRef");
                }
            }
        }
    }

    @Test
    void aSecretWrittenIntoAServicesConfigIsRefusedNamingWhereItIs() {
        String refusal = SentinelChart.defaults().yaml("""
                notifier:
                  config:
                    sentinel:
                      notifier:
                        webhooks:
                          - {name: ops, url: "https://hooks.example.com/x", secret: "correct-horse-battery-staple"}
                """).refusal();
        assertThat(refusal).contains("notifier.config.sentinel.notifier.webhooks[0].secret holds a secret value",
                "put it in a Secret, pass it with secretEnv and write ${THE_VARIABLE} here instead");
    }

    @Test
    void aPlaceholderForASecretPasses() {
        Manifest manifest = SentinelChart.defaults().yaml("""
                notifier:
                  config:
                    sentinel:
                      notifier:
                        webhooks:
                          - {name: ops, url: "https://hooks.example.com/x", secret: "${SENTINEL_OPS_SECRET}"}
                  secretEnv:
                    - {name: SENTINEL_OPS_SECRET, secretName: ops-webhook, key: secret}
                """).render();
        assertThat(list(manifest.serviceConfig("notifier"), "sentinel.notifier.webhooks"))
                .containsExactly(Map.of("name", "ops", "url", "https://hooks.example.com/x", "secret", "${SENTINEL_OPS_SECRET}"));
        assertThat(map(manifest.env("notifier", "SENTINEL_OPS_SECRET").orElseThrow(), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "ops-webhook", "key", "secret"));
    }

    @Test
    void aPrivateKeyPastedAnywhereInConfigIsRefused() {
        String refusal = SentinelChart.defaults().yaml("""
                gateway:
                  config:
                    sentinel:
                      notes: "-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIBn7\\n-----END PRIVATE KEY-----"
                """).refusal();
        assertThat(refusal).contains("gateway.config.sentinel.notes holds a private key");
    }

    @Test
    void aPasswordInAnotherServicesConfigIsRefusedToo() {
        String refusal = SentinelChart.defaults().yaml("""
                detector:
                  config:
                    spring:
                      datasource: {password: hunter2}
                """).refusal();
        assertThat(refusal).contains("detector.config.spring.datasource.password holds a secret value");
    }

    @SuppressWarnings("unchecked")
    private static void collectSecretValues(String path, Object value, List<String> found) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> {
                String childPath = path + "." + key;
                if (child instanceof String text && SECRET_NAME.matcher(String.valueOf(key)).find() && !String.valueOf(key).endsWith("sha256")
                        && !text.isEmpty() && !PLACEHOLDER.matcher(text).matches()) {
                    found.add(childPath + "=" + text);
                }
                collectSecretValues(childPath, child, found);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectSecretValues(path + "[" + i + "]", list.get(i), found);
            }
        }
    }
}
