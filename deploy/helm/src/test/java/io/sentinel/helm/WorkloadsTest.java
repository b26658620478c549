package io.sentinel.helm;

import static io.sentinel.helm.Manifest.at;
import static io.sentinel.helm.Manifest.list;
import static io.sentinel.helm.Manifest.map;
import static io.sentinel.helm.Manifest.string;
import static io.sentinel.helm.SentinelChart.RELEASE;
import static io.sentinel.helm.SentinelChart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seven Deployments and what each must have, with the default values and a production-like file. */
class WorkloadsTest {

    private static final Manifest DEFAULTS = SentinelChart.defaults().render();
    private static final Manifest PRODUCTION = SentinelChart.example("production").render();
    private static final Manifest QUICKSTART = SentinelChart.example("quickstart").render();

    static Stream<Arguments> renderings() {
        return Stream.of(Arguments.of("default", DEFAULTS), Arguments.of("production", PRODUCTION), Arguments.of("quickstart", QUICKSTART));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceIsOneDeploymentRunningItsOwnImage(String values, Manifest manifest) {
        assertThat(manifest.all("Deployment")).extracting(deployment -> string(deployment, "metadata.name"))
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(service -> RELEASE + "-" + service).toList());
        String registry = values.equals("production") ? "registry.example.com/sre" : "localhost:5000";
        String tag = values.equals("production") ? "0.1.0" : "0.1.0-SNAPSHOT";
        for (String service : SERVICES) {
            assertThat(string(manifest.container(service), "image")).isEqualTo(registry + "/sentinel-" + service + ":" + tag);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyContainerRequestsAndLimitsCpuAndMemory(String values, Manifest manifest) {
        for (String service : SERVICES) {
            Map<String, Object> resources = map(manifest.container(service), "resources");
            assertThat(resources).as(service).containsKeys("requests", "limits");
            assertThat(map(resources, "requests")).as(service).containsKeys("cpu", "memory");
            assertThat(map(resources, "limits")).as(service).containsKeys("cpu", "memory");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void probesAskTheActuatorHealthGroupsOnTheManagementPort(String values, Manifest manifest) {
        for (String service : SERVICES) {
            Map<String, Object> container = manifest.container(service);
            int port = SentinelChart.PORTS.get(service);
            assertThat(list(container, "ports")).as(service).containsExactlyInAnyOrder(
                    Map.of("name", "http", "containerPort", port, "protocol", "TCP"),
                    Map.of("name", "management", "containerPort", port + 1000, "protocol", "TCP"));
            assertThat(map(container, "livenessProbe.httpGet")).as(service)
                    .isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "management"));
            assertThat(map(container, "readinessProbe.httpGet")).as(service)
                    .isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "management"));
            assertThat(map(container, "startupProbe.httpGet")).as(service)
                    .isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "management"));
            // The services bind the management port to loopback unless told otherwise: probes would fail.
            assertThat(manifest.env(service, "SENTINEL_MANAGEMENT_ADDRESS")).as(service)
                    .hasValueSatisfying(variable -> assertThat(variable.get("value")).isEqualTo("0.0.0.0"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podsRunAsNonRootOnAReadOnlyRootWithoutCapabilities(String values, Manifest manifest) {
        for (String service : SERVICES) {
            Map<String, Object> pod = map(manifest.deployment(service), "spec.template.spec");
            assertThat(at(pod, "securityContext.runAsNonRoot")).as(service).isEqualTo(true);
            assertThat(at(pod, "securityContext.runAsUser")).as(service).isEqualTo(65532);
            assertThat(at(pod, "securityContext.seccompProfile.type")).as(service).isEqualTo("RuntimeDefault");
            Map<String, Object> container = manifest.container(service);
            assertThat(map(container, "securityContext")).as(service)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("allowPrivilegeEscalation", false)
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("capabilities", Map.of("drop", List.of("ALL")))
                    .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
            assertThat(list(container, "volumeMounts")).as(service).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
            assertThat(Manifest.<Map<String, Object>>list(pod, "volumes")).as(service)
                    .anySatisfy(volume -> assertThat(volume).containsEntry("name", "tmp").containsKey("emptyDir"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceHasADisruptionBudgetAndSpreadsOverZonesAndNodes(String values, Manifest manifest) {
        for (String service : SERVICES) {
            Map<String, Object> budget = manifest.one("PodDisruptionBudget", RELEASE + "-" + service);
            // maxUnavailable, never minAvailable: a single replica must not block draining its node.
            assertThat(at(budget, "spec.maxUnavailable")).as(service).isEqualTo(1);
            assertThat(map(budget, "spec.selector.matchLabels")).as(service).isEqualTo(selector(service));
            List<Map<String, Object>> spread = list(manifest.deployment(service), "spec.template.spec.topologySpreadConstraints");
            assertThat(spread).as(service).extracting(constraint -> constraint.get("topologyKey"))
                    .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(spread).as(service).allSatisfy(constraint ->
                    assertThat(map(constraint, "labelSelector.matchLabels")).isEqualTo(selector(service)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void eachServiceHasAServiceForItsPortAndAnotherForManagement(String values, Manifest manifest) {
        for (String service : SERVICES) {
            int port = SentinelChart.PORTS.get(service);
            Map<String, Object> http = manifest.one("Service", RELEASE + "-" + service);
            assertThat(list(http, "spec.ports")).as(service).containsExactly(Map.of("name", "http", "port", port, "targetPort", "http", "protocol", "TCP"));
            assertThat(map(http, "spec.selector")).isEqualTo(selector(service));
            Map<String, Object> management = manifest.one("Service", RELEASE + "-" + service + "-management");
            assertThat(list(management, "spec.ports")).as(service)
                    .containsExactly(Map.of("name", "management", "port", port + 1000, "targetPort", "management", "protocol", "TCP"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void onlyTheExecutorGetsAnApiToken(String values, Manifest manifest) {
        for (String service : SERVICES) {
            Map<String, Object> pod = map(manifest.deployment(service), "spec.template.spec");
            assertThat(pod.get("automountServiceAccountToken")).as(service).isEqualTo(service.equals("executor"));
            assertThat(pod.get("serviceAccountName")).as(service)
                    .isEqualTo(service.equals("executor") ? RELEASE + "-executor" : RELEASE + "-service");
        }
        assertThat(at(manifest.one("ServiceAccount", RELEASE + "-service"), "automountServiceAccountToken")).isEqualTo(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void eachPodMountsOnlyItsOwnPrivateSigningKey(String values, Manifest manifest) {
        for (String service : SERVICES) {
            List<Map<String, Object>> volumes = list(manifest.deployment(service), "spec.template.spec.volumes");
            Map<String, Object> signing = volumes.stream().filter(volume -> "signing-key".equals(volume.get("name"))).findFirst().orElseThrow();
            assertThat(list(signing, "secret.items")).as(service).containsExactly(Map.of("key", service + ".key", "path", "private.key"));
            assertThat(manifest.env(service, "SENTINEL_SIGNING_PRIVATE_KEY_FILE")).as(service)
                    .hasValueSatisfying(variable -> assertThat(variable.get("value")).isEqualTo("/etc/sentinel/signing/private.key"));
        }
    }

    @Test
    void scalableConsumersGetAnAutoscalerAndNoFixedReplicaCountWhenAskedFor() {
        assertThat(DEFAULTS.all("HorizontalPodAutoscaler")).isEmpty();
        assertThat(PRODUCTION.all("HorizontalPodAutoscaler")).extracting(hpa -> string(hpa, "spec.scaleTargetRef.name"))
                .containsExactlyInAnyOrder(RELEASE + "-analyzer", RELEASE + "-notifier");
        assertThat(at(PRODUCTION.deployment("analyzer"), "spec.replicas")).isNull();
        assertThat(at(PRODUCTION.deployment("gateway"), "spec.replicas")).isEqualTo(3);
        assertThat(at(PRODUCTION.one("HorizontalPodAutoscaler", RELEASE + "-analyzer"), "spec.maxReplicas")).isEqualTo(3);
    }

    @Test
    void aConfigurationChangeRollsThePods() {
        String before = string(DEFAULTS.deployment("detector"), "spec.template.metadata.annotations.checksum/config");
        Manifest changed = SentinelChart.defaults().yaml("""
                detector:
                  thresholds:
                    - {name: memory-usage-high, signal: memory_usage_ratio, above: 0.9, for: 1m, severity: warning, title: "Memory on {resource}"}
                """).render();
        assertThat(string(changed.deployment("detector"), "spec.template.metadata.annotations.checksum/config")).isNotBlank().isNotEqualTo(before);
        assertThat(string(changed.deployment("gateway"), "spec.template.metadata.annotations.checksum/config"))
                .isEqualTo(string(DEFAULTS.deployment("gateway"), "spec.template.metadata.annotations.checksum/config"));
    }

    private static Map<String, Object> selector(String service) {
        return Map.of("app.kubernetes.io/name", "sentinel", "app.kubernetes.io/instance", RELEASE, "app.kubernetes.io/component", service);
    }
}
