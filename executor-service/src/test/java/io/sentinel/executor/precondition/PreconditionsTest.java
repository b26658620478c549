package io.sentinel.executor.precondition;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.secrets.SecretStore;
import io.sentinel.executor.target.TargetCheck;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.inventory.InventoryProperties;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    private static final TargetRef SHOP = new TargetRef("shop", "staging", List.of("http://shop.internal:8080"), null);
    private static final Playbook DRAIN = playbook("""
            id: drain
            description: d
            risk: low
            labels: {queue: {pattern: "[a-z0-9-]{1,32}"}}
            snapshot: {url: "{{target.url}}/queues/{{labels.queue}}/config"}
            steps: [{name: s, http: {method: POST, url: "{{target.url}}/queues/{{labels.queue}}/drain",
                     headers: {Authorization: "Bearer {{secrets.worker-token}}"}}}]
            verify: {window: 1m}
            """);

    private final Preconditions preconditions = new Preconditions(
            new TargetCheck(new TargetInventory(new InventoryProperties(null,
                    List.of(new ConfiguredTarget("shop", "staging", List.of("http://shop.internal:8080"), null))), new RuntimeSettings())),
            new SecretStore(null, Map.of("SENTINEL_SECRET_WORKER_TOKEN", "t0ken")));

    @Test
    void aPlaybookWhoseNeedsHoldMayRun() {
        assertThat(preconditions.refusal(DRAIN, SHOP, Map.of("queue", "orders", "instance", "evil.com:80"))).isEmpty();
    }

    @Test
    void aPlaybookThatActsOnATargetNeedsOne() {
        assertThat(preconditions.refusal(DRAIN, null, Map.of("queue", "orders")))
                .hasValue("the incident names no inventory target; this playbook needs one");
    }

    @Test
    void aTargetNoLongerAsAuthorizedStopsIt() {
        TargetRef rerouted = new TargetRef("shop", "staging", List.of("http://127.0.0.1:8080"), null);

        assertThat(preconditions.refusal(DRAIN, rerouted, Map.of("queue", "orders")))
                .hasValue("target shop changed since the action was authorized: urls [http://127.0.0.1:8080] -> [http://shop.internal:8080]");
    }

    @Test
    void aLabelThatIsMissingOrOutOfItsPatternStopsIt() {
        assertThat(preconditions.refusal(DRAIN, SHOP, Map.of()))
                .hasValue("the incident has no label 'queue', which playbook 'drain' needs");
        for (String hostile : List.of("../admin", "orders/../../admin", "orders?x=1", "orders#x", "ORDERS", "orders\r\nX: 1", "",
                "a".repeat(33), "orders%2f..")) {
            Map<String, String> labels = new HashMap<>();
            labels.put("queue", hostile);
            assertThat(preconditions.refusal(DRAIN, SHOP, labels)).as(hostile)
                    .hasValue("label 'queue' does not match the pattern [a-z0-9-]{1,32} that playbook 'drain' declares for it");
        }
    }

    @Test
    void aSecretThatIsNotConfiguredStopsIt() {
        Preconditions withoutSecrets = new Preconditions(new TargetCheck(new TargetInventory(new InventoryProperties(null,
                List.of(new ConfiguredTarget("shop", "staging", List.of("http://shop.internal:8080"), null))), new RuntimeSettings())),
                new SecretStore(null, Map.of()));

        assertThat(withoutSecrets.refusal(DRAIN, SHOP, Map.of("queue", "orders"))).hasValue("playbook 'drain' uses secret 'worker-token', "
                + "which is not configured: put it in the environment variable SENTINEL_SECRET_WORKER_TOKEN");
    }

    private static Playbook playbook(String yaml) {
        return PlaybookCatalog.parse(Map.of("test.yaml", () -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .all().iterator().next();
    }
}
