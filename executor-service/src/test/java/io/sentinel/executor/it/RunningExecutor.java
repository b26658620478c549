package io.sentinel.executor.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.IncidentScoped;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.ExecutorApplication;
import io.sentinel.executor.kubernetes.KubernetesApi;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor under test, on a real broker and database, acting on a WireMock "service" through the
 * test playbooks in src/test/resources/playbooks. Every integration test class extends this and adds
 * no configuration of its own, so they all share one running executor (one member of the consumer
 * group, which two would split the partitions between). Every request a playbook sends names its
 * incident in a header, so each test sees only its own traffic; every test acts on an inventory target
 * of its own (a runtime setting), since only one action may be in flight per target. A second
 * WireMock, the "attacker", is allowlisted too: what keeps requests away from it must be the
 * inventory, not the allowlist.
 */
@SpringBootTest(classes = ExecutorApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = {
        "sentinel.playbooks.location=classpath:playbooks/",
        "sentinel.playbooks.shipped[0]=kubernetes",
        "sentinel.executor.kubernetes.allowed-namespaces[0]=" + RunningExecutor.NAMESPACE,
        "sentinel.executor.http.allowed-networks[0]=127.0.0.0/8",
        "sentinel.executor.verification.check-interval=200ms",
        "sentinel.executor.run.check-interval=200ms"})
abstract class RunningExecutor extends ServiceIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String INCIDENT = "X-Sentinel-Incident";
    static final String CONFIG = "{\"cacheSize\":512,\"mode\":\"lru\"}";
    static final String CONFIGURED_TARGET = "shop-configured";
    static final String SECRET = "Sup3r:s3cr3t@t0ken";
    static final String SECRET_IN_PATH = "Sup3r%3As3cr3t%40t0ken";
    /** The one namespace kubernetes steps may act in. */
    static final String NAMESPACE = "shop";

    /** Requests of these incidents wait at the service until the test lets them through. */
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

    static final WireMockServer service = started(new Holding());
    static final WireMockServer attacker = started();
    /** The Kubernetes API server (fabric8's mock, CRUD mode) the executor's kubernetes steps act on. */
    static final KubernetesApi kubernetes = KubernetesApi.started();
    private static final Path secrets = secretsDirectory();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.stop();
            attacker.stop();
            kubernetes.close();
        }));
    }

    @Autowired
    Jdbi jdbi;

    @Autowired
    TargetInventory inventory;

    @DynamicPropertySource
    static void executor(DynamicPropertyRegistry registry) {
        registry.add("sentinel.executor.http.allowed-hosts[0]", () -> "127.0.0.1:" + service.port());
        registry.add("sentinel.executor.http.allowed-hosts[1]", () -> "127.0.0.1:" + attacker.port());
        registry.add("sentinel.executor.secrets.directory", secrets::toString);
        registry.add("sentinel.executor.kubernetes.master-url", () -> kubernetes.url().toString());
        registry.add("sentinel.inventory.targets[0].name", () -> CONFIGURED_TARGET);
        registry.add("sentinel.inventory.targets[0].environment", () -> "staging");
        registry.add("sentinel.inventory.targets[0].urls[0]", RunningExecutor::serviceUrl);
    }

    @BeforeAll
    static void stubTheService() {
        service.stubFor(get(urlEqualTo("/admin/config")).atPriority(10).willReturn(okJson(CONFIG)));
        service.stubFor(post(urlPathEqualTo("/actions/release-memory")).atPriority(10).willReturn(aResponse().withStatus(200)));
        service.stubFor(get(urlEqualTo("/health")).atPriority(10).willReturn(aResponse().withStatus(204)));
        service.stubFor(put(urlEqualTo("/admin/config")).atPriority(10).willReturn(aResponse().withStatus(200)));
        service.stubFor(post(urlEqualTo("/actions/flush-cache")).atPriority(10).willReturn(aResponse().withStatus(202)));
        service.stubFor(put(urlEqualTo("/cache/config")).atPriority(10).willReturn(aResponse().withStatus(200)));
        service.stubFor(post(urlEqualTo("/actions/drain-queue")).atPriority(10).willReturn(aResponse().withStatus(200)));
        service.stubFor(get(urlPathMatching("/queues/[^/]+/config")).atPriority(10).willReturn(okJson("{\"paused\":false}")));
        service.stubFor(post(urlPathMatching("/queues/[^/]+/drain")).atPriority(10).willReturn(aResponse().withStatus(200)));
        // A target that fails and echoes back whatever token it was sent.
        service.stubFor(post(urlPathMatching("/tokens/.+/rotate")).atPriority(10).willReturn(aResponse().withStatus(500)
                .withHeader("X-Echo", SECRET).withBody("token " + SECRET + " rejected")));
        attacker.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(anyUrl())
                .willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    /** From now on the service holds the incident's requests, unanswered, until {@link #release}. */
    static void hold(String incidentId) {
        HELD.put(incidentId, new CountDownLatch(1));
    }

    static void release(String incidentId) {
        HELD.remove(incidentId).countDown();
    }

    static String serviceUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    static String attackerUrl() {
        return "http://127.0.0.1:" + attacker.port();
    }

    /** A target of the test's own, added to the inventory at runtime (the setting inventory.targets.<name>). */
    TargetRef newTarget(String url) {
        return setTarget("t-" + shortId(), url);
    }

    TargetRef setTarget(String name, String url) {
        sender.send(new SettingChanged("inventory.targets." + name,
                JsonMapper.shared().readTree("{\"environment\": \"staging\", \"urls\": [\"" + url + "\"]}"), "test", Instant.now()));
        await().atMost(WAIT).until(() -> inventory.find(name).map(TargetRef::urls).filter(List.of(url)::equals).isPresent());
        return inventory.find(name).orElseThrow();
    }

    /** A target of the test's own that names a Deployment in Kubernetes, added to the inventory at runtime. */
    TargetRef newDeploymentTarget(String deployment) {
        String name = deployment + "." + NAMESPACE;
        sender.send(new SettingChanged("inventory.targets." + name, JsonMapper.shared().readTree("""
                {"environment": "staging", "kubernetes": {"namespace": "%s", "kind": "Deployment", "name": "%s"}}
                """.formatted(NAMESPACE, deployment)), "test", Instant.now()));
        await().atMost(WAIT).until(() -> inventory.find(name).map(TargetRef::kubernetes).isPresent());
        return inventory.find(name).orElseThrow();
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String newIncident() {
        return "inc-" + UUID.randomUUID();
    }

    static Map<String, String> labels() {
        return Map.of("environment", "staging");
    }

    static ActionAuthorized authorized(String incidentId, String playbookId, TargetRef target, Map<String, String> labels) {
        return new ActionAuthorized(incidentId, "analysis-" + incidentId, new ProposedAction(playbookId, Map.of()), Risk.LOW,
                ApprovalMode.AUTO, null, null, "auto-low-risk", "shop", "staging", labels, target);
    }

    static EventEnvelope<ActionAuthorized> authorizedEnvelope(String incidentId, String playbookId, TargetRef target) {
        return new EventEnvelope<>(EventIds.random(), "policy", Instant.now(), TraceParent.root(),
                authorized(incidentId, playbookId, target, labels()));
    }

    static ConditionCleared cleared(String incidentId) {
        return cleared(incidentId, Instant.now());
    }

    static ConditionCleared cleared(String incidentId, Instant clearedAt) {
        return new ConditionCleared(incidentId, "signals-" + incidentId,
                new Observation("memory_usage_ratio", 0.40, 0.55, "below the clear level 0.55", clearedAt), clearedAt);
    }

    static <E extends SentinelEvent & IncidentScoped> E awaitEvent(Class<E> type, String incidentId) {
        return probe.await(type, event -> incidentId.equals(event.incidentId()), WAIT);
    }

    static <E extends SentinelEvent & IncidentScoped> List<E> events(Class<E> type, String incidentId) {
        return probe.events(type).stream().filter(event -> incidentId.equals(event.incidentId())).toList();
    }

    static List<StepCompleted> steps(String incidentId) {
        return events(StepCompleted.class, incidentId);
    }

    private static WireMockServer started(com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(extensions));
        server.start();
        return server;
    }

    private static Path secretsDirectory() {
        try {
            Path directory = Files.createTempDirectory("executor-secrets");
            Files.writeString(directory.resolve("shop-admin-token"), SECRET + "\n");
            directory.toFile().deleteOnExit();
            directory.resolve("shop-admin-token").toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds a held incident's requests before answering them: a step that is still running for as long as a test needs. */
    private static final class Holding implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            String incident = serveEvent.getRequest().getHeader(INCIDENT);
            CountDownLatch latch = incident == null ? null : HELD.get(incident);
            if (latch != null) {
                try {
                    if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("incident " + incident + " was held and never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "hold-incident";
        }
    }
}
