package io.sentinel.helm;

import static io.sentinel.helm.Manifest.list;
import static io.sentinel.helm.Manifest.string;
import static io.sentinel.helm.SentinelChart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quick start's Strimzi and CloudNativePG objects are what its values file points the services at. */
class QuickstartTest {

    private static final Manifest DEPENDENCIES =
            Manifest.parse(SentinelChart.read(SentinelChart.EXAMPLES.resolve("quickstart-dependencies.yaml")));
    private static final Manifest QUICKSTART = SentinelChart.example("quickstart").render();

    @Test
    void theServicesConnectToStrimzisBootstrapServiceOfTheKafkaCluster() {
        Map<String, Object> kafka = DEPENDENCIES.all("Kafka").getFirst();
        String cluster = string(kafka, "metadata.name");
        Map<String, Object> listener = Manifest.<Map<String, Object>>list(kafka, "spec.kafka.listeners").getFirst();
        // Strimzi names the bootstrap Service <cluster>-kafka-bootstrap.
        String bootstrap = cluster + "-kafka-bootstrap:" + listener.get("port");
        for (String service : SERVICES) {
            assertThat(QUICKSTART.env(service, "SENTINEL_KAFKA_BOOTSTRAP_SERVERS")).as(service)
                    .hasValueSatisfying(variable -> assertThat(variable.get("value")).isEqualTo(bootstrap));
        }
        assertThat(listener.get("tls")).isEqualTo(false);
        assertThat(Manifest.string(DEPENDENCIES.all("KafkaNodePool").getFirst(), "metadata.labels.strimzi.io/cluster")).isEqualTo(cluster);
        // One broker: topics with one replica, or the services could never write.
        assertThat(Manifest.at(QUICKSTART.serviceConfig("detector"), "sentinel.kafka.replication-factor")).isEqualTo(1);
        assertThat(Manifest.at(QUICKSTART.serviceConfig("detector"), "sentinel.kafka.min-insync-replicas")).isEqualTo(1);
        assertThat(list(QUICKSTART.one("NetworkPolicy", "sentinel-detector"), "spec.egress")).anySatisfy(rule ->
                assertThat(list(rule, "to")).contains(Map.of("podSelector", Map.of("matchLabels", Map.of("strimzi.io/cluster", cluster)))));
    }

    @Test
    void everyServiceHasTwoManagedRolesWhoseSecretsTheChartReads() {
        Map<String, Object> database = DEPENDENCIES.all("Cluster").getFirst();
        String cluster = string(database, "metadata.name");
        List<Map<String, Object>> roles = list(database, "spec.managed.roles");
        List<String> secrets = new ArrayList<>();
        for (String service : SERVICES) {
            for (String suffix : List.of("", "-owner")) {
                String secret = "sentinel-db-" + service + suffix;
                String role = "sentinel_" + service + suffix.replace('-', '_');
                assertThat(roles).as(role).contains(Map.of("name", role, "ensure", "present", "login", true, "passwordSecret", Map.of("name", secret)));
                secrets.add(secret);
            }
            assertThat(string(QUICKSTART.env(service, "SENTINEL_DB_USER").orElseThrow(), "valueFrom.secretKeyRef.name")).isEqualTo("sentinel-db-" + service);
            assertThat(string(QUICKSTART.env(service, "SENTINEL_DB_MIGRATION_USER").orElseThrow(), "valueFrom.secretKeyRef.name"))
                    .isEqualTo("sentinel-db-" + service + "-owner");
            // CloudNativePG's read-write Service is <cluster>-rw; the database is the one initdb creates.
            assertThat(QUICKSTART.env(service, "SENTINEL_DB_URL").orElseThrow().get("value"))
                    .isEqualTo("jdbc:postgresql://" + cluster + "-rw:5432/" + string(database, "spec.bootstrap.initdb.database"));
        }
        assertThat(roles).hasSize(secrets.size());
        assertThat(list(QUICKSTART.one("NetworkPolicy", "sentinel-gateway"), "spec.egress")).anySatisfy(rule ->
                assertThat(list(rule, "to")).contains(Map.of("podSelector", Map.of("matchLabels", Map.of("cnpg.io/cluster", cluster)))));
    }

    @Test
    void theQuickstartLetsTheExecutorActInTheDemoNamespaceOnly() {
        assertThat(QUICKSTART.all("Role")).extracting(role -> string(role, "metadata.namespace")).containsExactly("demo");
        assertThat(list(QUICKSTART.serviceConfig("executor"), "sentinel.inventory.targets"))
                .containsExactly(Map.of("name", "podinfo.demo", "environment", "staging",
                        "kubernetes", Map.of("namespace", "demo", "kind", "Deployment", "name", "podinfo")));
    }
}
