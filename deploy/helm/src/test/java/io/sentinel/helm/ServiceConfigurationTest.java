package io.sentinel.helm;

import static io.sentinel.helm.Manifest.at;
import static io.sentinel.helm.Manifest.list;
import static io.sentinel.helm.Manifest.map;
import static io.sentinel.helm.Manifest.string;
import static io.sentinel.helm.SentinelChart.RELEASE;
import static io.sentinel.helm.SentinelChart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What each service is told: its <service>.yaml from a ConfigMap, and SENTINEL_* variables. */
class ServiceConfigurationTest {

    private static final Manifest DEFAULTS = SentinelChart.defaults().render();
    private static final Manifest PRODUCTION = SentinelChart.example("production").render();
    private static final Path SHIPPED_KUBERNETES =
            SentinelChart.REPOSITORY.resolve("sentinel-playbooks/src/main/resources/io/sentinel/playbooks/shipped/kubernetes");

    @Test
    void eachServiceReadsItsOwnYamlFromItsConfigMap() {
        for (String service : SERVICES) {
            Map<String, Object> configMap = DEFAULTS.one("ConfigMap", RELEASE + "-" + service);
            assertThat(map(configMap, "data")).as(service).containsOnlyKeys(service + ".yaml");
            assertThat(DEFAULTS.env(service, "SPRING_CONFIG_ADDITIONAL_LOCATION")).as(service)
                    .hasValueSatisfying(variable -> assertThat(variable.get("value")).isEqualTo("optional:file:/etc/sentinel/config/"));
            assertThat(list(DEFAULTS.container(service), "volumeMounts")).as(service)
                    .contains(Map.of("name", "config", "mountPath", "/etc/sentinel/config", "readOnly", true));
        }
    }

    @Test
    void everyServiceTrustsTheSevenServicesKeysFromTheSigningSecret() {
        for (String service : SERVICES) {
            List<Map<String, Object>> trusted = list(PRODUCTION.serviceConfig(service), "sentinel.signing.trusted-keys");
            assertThat(trusted).as(service).hasSize(8);
            for (String signer : SERVICES) {
                String variable = "SENTINEL_TRUSTED_KEY_" + signer.toUpperCase();
                assertThat(trusted).as(service).contains(Map.of("id", signer + "-2026-12", "service", signer, "public-key", "${" + variable + "}"));
                assertThat(PRODUCTION.env(service, variable)).as(service + " " + variable).hasValueSatisfying(env ->
                        assertThat(map(env, "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", "sentinel-signing", "key", signer + ".pub")));
            }
            assertThat(PRODUCTION.env(service, "SENTINEL_SIGNING_KEY_ID")).as(service)
                    .hasValueSatisfying(env -> assertThat(env.get("value")).isEqualTo(service + "-2026-12"));
        }
    }

    @Test
    void kafkaDatabaseAndTracingSettingsReachEveryService() {
        for (String service : SERVICES) {
            assertThat(plain(PRODUCTION, service, "SENTINEL_KAFKA_BOOTSTRAP_SERVERS")).startsWith("kafka-0.kafka.example.internal:9094,");
            assertThat(plain(PRODUCTION, service, "SENTINEL_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(plain(PRODUCTION, service, "SENTINEL_KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            assertThat(plain(PRODUCTION, service, "SENTINEL_KAFKA_SASL_USERNAME")).isEqualTo("sentinel");
            assertThat(fromSecret(PRODUCTION, service, "SENTINEL_KAFKA_SASL_PASSWORD")).isEqualTo(Map.of("name", "sentinel-kafka-user", "key", "password"));
            assertThat(plain(PRODUCTION, service, "SENTINEL_KAFKA_SSL_TRUSTSTORE_LOCATION")).isEqualTo("/etc/sentinel/kafka/truststore/ca.p12");
            assertThat(fromSecret(PRODUCTION, service, "SENTINEL_KAFKA_SSL_TRUSTSTORE_PASSWORD")).isEqualTo(Map.of("name", "kafka-cluster-ca", "key", "ca.password"));
            assertThat(list(PRODUCTION.container(service), "volumeMounts")).as(service)
                    .contains(Map.of("name", "kafka-truststore", "mountPath", "/etc/sentinel/kafka/truststore", "readOnly", true));
            assertThat(plain(PRODUCTION, service, "SENTINEL_DB_URL")).startsWith("jdbc:postgresql://postgres.db.example.internal:5432/sentinel");
            // Its own roles: the runtime role and the schema owner that migrates (docs/database-roles.md).
            assertThat(fromSecret(PRODUCTION, service, "SENTINEL_DB_USER")).isEqualTo(Map.of("name", "sentinel-db-" + service, "key", "username"));
            assertThat(fromSecret(PRODUCTION, service, "SENTINEL_DB_PASSWORD")).isEqualTo(Map.of("name", "sentinel-db-" + service, "key", "password"));
            assertThat(fromSecret(PRODUCTION, service, "SENTINEL_DB_MIGRATION_USER"))
                    .isEqualTo(Map.of("name", "sentinel-db-" + service + "-owner", "key", "username"));
            assertThat(plain(PRODUCTION, service, "SENTINEL_OTLP_ENDPOINT")).isEqualTo("http://otel-collector.observability:4318");
            assertThat(at(PRODUCTION.serviceConfig(service), "sentinel.kafka")).as(service)
                    .isEqualTo(Map.of("provision", true, "partitions", 3, "replication-factor", 3, "min-insync-replicas", 2));
            assertThat(DEFAULTS.env(service, "SENTINEL_KAFKA_SASL_MECHANISM")).as(service).isEmpty();
            assertThat(DEFAULTS.env(service, "SENTINEL_OTLP_ENDPOINT")).as(service).isEmpty();
        }
    }

    @Test
    void integrationsReachOnlyTheServiceThatUsesThem() {
        Map<String, String> owners = Map.of("SENTINEL_LLM_BASE_URL", "analyzer", "SENTINEL_LLM_MODEL", "analyzer",
                "SENTINEL_LLM_API_KEY", "analyzer", "SENTINEL_OIDC_ISSUER_URI", "gateway", "SENTINEL_SLACK_SIGNING_SECRET", "gateway",
                "SENTINEL_BOOTSTRAP_ADMIN_KEY", "gateway", "SENTINEL_INGEST_TOKEN", "collector",
                "SENTINEL_WEBHOOK_SECRET_OPS_CHANNEL", "notifier");
        owners.forEach((variable, owner) -> {
            for (String service : SERVICES) {
                assertThat(PRODUCTION.env(service, variable).isPresent()).as(service + " " + variable).isEqualTo(service.equals(owner));
            }
        });
    }

    @Test
    void integrationsComeFromTheirSecrets() {
        assertThat(plain(PRODUCTION, "analyzer", "SENTINEL_LLM_BASE_URL")).isEqualTo("https://api.openai.com/v1");
        assertThat(plain(PRODUCTION, "analyzer", "SENTINEL_LLM_MODEL")).isEqualTo("gpt-4o-mini");
        assertThat(fromSecret(PRODUCTION, "analyzer", "SENTINEL_LLM_API_KEY")).isEqualTo(Map.of("name", "sentinel-llm", "key", "api-key"));
        assertThat(plain(PRODUCTION, "gateway", "SENTINEL_OIDC_ISSUER_URI")).isEqualTo("https://sso.example.com/realms/sentinel");
        assertThat(at(PRODUCTION.serviceConfig("gateway"), "sentinel.gateway.oidc")).isEqualTo(Map.of("audience", "sentinel"));
        assertThat(fromSecret(PRODUCTION, "gateway", "SENTINEL_SLACK_SIGNING_SECRET")).isEqualTo(Map.of("name", "sentinel-slack", "key", "signing-secret"));
        // Optional: the services start without them, and say what is missing.
        assertThat(fromSecret(DEFAULTS, "gateway", "SENTINEL_BOOTSTRAP_ADMIN_KEY"))
                .isEqualTo(Map.of("name", "sentinel-bootstrap-admin", "key", "admin-key", "optional", true));
        assertThat(fromSecret(DEFAULTS, "collector", "SENTINEL_INGEST_TOKEN"))
                .isEqualTo(Map.of("name", "sentinel-ingest-token", "key", "token", "optional", true));
        assertThat(list(PRODUCTION.serviceConfig("notifier"), "sentinel.notifier.webhooks")).containsExactly(Map.of(
                "name", "ops-channel", "url", "https://hooks.example.com/sentinel",
                "events", List.of("incident-opened", "approval-requested", "incident-escalated"),
                "secret", "${SENTINEL_WEBHOOK_SECRET_OPS_CHANNEL}"));
        assertThat(fromSecret(PRODUCTION, "notifier", "SENTINEL_WEBHOOK_SECRET_OPS_CHANNEL"))
                .isEqualTo(Map.of("name", "sentinel-webhooks", "key", "ops-channel"));
    }

    @Test
    void theInventoryReachesTheServicesThatReadIt() {
        for (String service : List.of("analyzer", "policy", "executor")) {
            assertThat(list(PRODUCTION.serviceConfig(service), "sentinel.inventory.targets")).as(service)
                    .extracting(target -> (Object) ((Map<?, ?>) target).get("name")).containsExactly("shop.shop", "payments-api.payments");
        }
        assertThat(map(PRODUCTION.serviceConfig("gateway"), "sentinel.inventory")).containsOnlyKeys("environments");
        for (String service : List.of("collector", "detector", "notifier")) {
            assertThat(at(PRODUCTION.serviceConfig(service), "sentinel.inventory")).as(service).isNull();
        }
    }

    @Test
    void thresholdsPolicyAndExecutorLimitsGoToTheirServices() {
        assertThat(list(PRODUCTION.serviceConfig("detector"), "sentinel.detector.threshold.rules"))
                .extracting(rule -> (Object) ((Map<?, ?>) rule).get("name")).containsExactly("memory-usage-high", "container-down");
        // Empty in values: detector.yaml's own rules stay in force.
        assertThat(at(DEFAULTS.serviceConfig("detector"), "sentinel.detector")).isNull();
        assertThat(at(PRODUCTION.serviceConfig("executor"), "sentinel.executor.http"))
                .isEqualTo(Map.of("allowed-hosts", List.of("shop.shop.svc:8080"), "allowed-networks", List.of("10.96.0.0/12")));
        assertThat(at(PRODUCTION.serviceConfig("executor"), "sentinel.executor.secrets.directory")).isEqualTo("/etc/sentinel/playbook-secrets");
        Manifest policy = SentinelChart.defaults().yaml("""
                policy:
                  approvalTtl: 2h
                  rules:
                    - {name: deny-all, decision: deny}
                """).render();
        assertThat(map(policy.serviceConfig("policy"), "sentinel.policy"))
                .isEqualTo(Map.of("approval", Map.of("ttl", "2h"), "rules", List.of(Map.of("name", "deny-all", "decision", "deny"))));
        assertThat(at(DEFAULTS.serviceConfig("policy"), "sentinel.policy")).isNull();
    }

    @Test
    void freeFormConfigIsMergedOverWhatTheChartDerives() {
        Manifest manifest = SentinelChart.defaults().yaml("""
                collector:
                  config:
                    sentinel:
                      kafka: {partitions: 6}
                      collector:
                        scrape: {interval: 30s}
                """).render();
        assertThat(at(manifest.serviceConfig("collector"), "sentinel.kafka.partitions")).isEqualTo(6);
        assertThat(at(manifest.serviceConfig("collector"), "sentinel.kafka.replication-factor")).isEqualTo(3);
        assertThat(at(manifest.serviceConfig("collector"), "sentinel.collector.scrape.interval")).isEqualTo("30s");
        assertThat(at(manifest.serviceConfig("detector"), "sentinel.kafka.partitions")).isEqualTo(3);
    }

    @Test
    void withoutPlaybookFilesTheCatalogIsTheShippedKubernetesSet() throws IOException {
        for (String service : List.of("analyzer", "executor")) {
            Map<String, Object> playbooks = map(DEFAULTS.serviceConfig(service), "sentinel.playbooks");
            assertThat(playbooks).as(service).isEqualTo(Map.of("location", "classpath:io/sentinel/playbooks/shipped/kubernetes/", "shipped", List.of()));
        }
        assertThat(DEFAULTS.find("ConfigMap", RELEASE + "-playbooks")).isEmpty();
        // That location is where sentinel-playbooks keeps the set (ShippedPlaybooks.KUBERNETES).
        Set<String> shipped = playbookIds(SHIPPED_KUBERNETES);
        assertThat(shipped).contains("k8s-rollout-restart", "k8s-rollout-undo", "k8s-delete-pod", "k8s-scale-up");
        // analyzer.yaml's own table names playbooks this catalog does not have; the analyzer would not start.
        assertThat(at(DEFAULTS.serviceConfig("analyzer"), "sentinel.analyzer.heuristic.rules")).isEqualTo(List.of());
    }

    @Test
    void everyPlaybookTheAnalyzerMayNameIsInTheCatalog() throws IOException {
        Set<String> catalog = new java.util.HashSet<>(playbookIds(SHIPPED_KUBERNETES));
        catalog.add("flush-shop-cache");
        assertThat(list(PRODUCTION.serviceConfig("analyzer"), "sentinel.analyzer.heuristic.rules"))
                .extracting(rule -> (String) ((Map<?, ?>) rule).get("playbook")).containsExactly("k8s-rollout-restart", "flush-shop-cache")
                .allMatch(catalog::contains);
    }

    @Test
    void theExecutorMayActInExactlyTheNamespacesItsRolesAreIn() {
        assertThat(at(PRODUCTION.serviceConfig("executor"), "sentinel.executor.kubernetes"))
                .isEqualTo(Map.of("allowed-namespaces", List.of("shop", "payments"), "nodes-allowed", true));
        assertThat(PRODUCTION.all("Role")).extracting(role -> string(role, "metadata.namespace")).containsExactlyInAnyOrder("shop", "payments");
        assertThat(at(DEFAULTS.serviceConfig("executor"), "sentinel.executor.kubernetes"))
                .isEqualTo(Map.of("allowed-namespaces", List.of(), "nodes-allowed", false));
    }

    @Test
    void playbookFilesAreMountedForTheAnalyzerAndTheExecutorNextToTheShippedSet() {
        for (String service : List.of("analyzer", "executor")) {
            assertThat(map(PRODUCTION.serviceConfig(service), "sentinel.playbooks")).as(service)
                    .isEqualTo(Map.of("location", "file:/etc/sentinel/playbooks/", "shipped", List.of("kubernetes")));
            assertThat(list(PRODUCTION.container(service), "volumeMounts")).as(service)
                    .contains(Map.of("name", "playbooks", "mountPath", "/etc/sentinel/playbooks", "readOnly", true));
        }
        assertThat(map(PRODUCTION.one("ConfigMap", RELEASE + "-playbooks"), "data")).containsOnlyKeys("flush-shop-cache.yaml");
        assertThat(string(PRODUCTION.one("ConfigMap", RELEASE + "-playbooks"), "data.flush-shop-cache.yaml")).startsWith("id: flush-shop-cache\n");
        for (String service : List.of("collector", "detector", "policy", "notifier", "gateway")) {
            assertThat(at(PRODUCTION.serviceConfig(service), "sentinel.playbooks")).as(service).isNull();
        }
    }

    @Test
    void anEmptyCatalogIsRefusedBeforeAnythingIsInstalled() {
        String refusal = SentinelChart.defaults().yaml("playbooks: {shipped: [], files: {}}").refusal();
        assertThat(refusal).contains("playbooks: the catalog would be empty");
    }

    private static String plain(Manifest manifest, String service, String name) {
        Map<String, Object> variable = manifest.env(service, name).orElseThrow(() -> new AssertionError(service + " has no " + name));
        assertThat(variable).as(service + " " + name).containsKey("value");
        return (String) variable.get("value");
    }

    private static Map<String, Object> fromSecret(Manifest manifest, String service, String name) {
        Map<String, Object> variable = manifest.env(service, name).orElseThrow(() -> new AssertionError(service + " has no " + name));
        return map(variable, "valueFrom.secretKeyRef");
    }

    private static Set<String> playbookIds(Path directory) throws IOException {
        Pattern id = Pattern.compile("(?m)^id:\\s*(\\S+)");
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).map(file -> {
                Matcher matcher = id.matcher(SentinelChart.read(file));
                return matcher.find() ? matcher.group(1) : "";
            }).collect(Collectors.toSet());
        }
    }
}
