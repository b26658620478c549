package io.sentinel.collector.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.collector.CollectorApplication;
import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The collector alone, on a real broker and database, scraping exporters played by WireMock (a
 * kubelet's cAdvisor endpoint, a node_exporter, and targets that fail), with ingest open to three
 * tokens, one of them with a tight rate limit. Every test class extending it shares one running collector.
 */
@SpringBootTest(classes = CollectorApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sentinel.collector.scrape.interval=500ms",
        "sentinel.collector.scrape.timeout=2s",
        "sentinel.collector.scrape.forward-metrics=container_memory_working_set_bytes",
        "sentinel.collector.ingest.max-body-bytes=64KB",
        "sentinel.collector.ingest.max-items=50",
        "sentinel.collector.ingest.tokens[0].name=ci",
        "sentinel.collector.ingest.tokens[0].token-sha256=" + CollectorContext.CI_TOKEN_SHA256,
        "sentinel.collector.ingest.tokens[1].name=flood",
        "sentinel.collector.ingest.tokens[1].token-sha256=" + CollectorContext.FLOOD_TOKEN_SHA256,
        "sentinel.collector.ingest.tokens[1].rate-limit.requests-per-second=0.1",
        "sentinel.collector.ingest.tokens[1].rate-limit.burst=3",
        "SENTINEL_INGEST_TOKEN=" + CollectorContext.ENV_TOKEN,
        "management.endpoint.health.show-details=always"})
abstract class CollectorContext extends ServiceIntegrationTest {

    /** Configured by its hash only. */
    static final String CI_TOKEN = "ci-ingest-token-4c1b9e7d2f";
    /** printf %s ci-ingest-token-4c1b9e7d2f | sha256sum */
    static final String CI_TOKEN_SHA256 = "e64497eca15aa8a088592ada11e8d548ccf91293210c03e5d6da9481f1b57e7a";
    /** A client with a tight rate limit of its own: 3 requests at once, then one every 10 s. */
    static final String FLOOD_TOKEN = "flood-ingest-token-77a1c3e5b9";
    static final String FLOOD_TOKEN_SHA256 = "2ce928005d48aaee54348e8826dbaee97b4fac45f9c9f603a9925e735c1f9164";
    static final int FLOOD_BURST = 3;
    /** As a Kubernetes Secret would hand it over, in plaintext. */
    static final String ENV_TOKEN = "env-ingest-token-81d0c6f2a9";

    /** The inventory target the shop's scrape target names; the others name their own names by default. */
    static final String SHOP_TARGET = "shop.staging";
    static final long MEASURED_AT = 1_763_906_735_860L;
    static final Map<String, String> SHOP_CONTAINER = Map.of("container", "shop", "id", "/kubepods/burstable/pod7c1e/3f2a",
            "image", "registry.local/shop:1.4", "name", "3f2a", "namespace", "prod", "pod", "shop-7d9f");
    /**
     * As the kubelet serves it: the root cgroup (no limit) next to a container using 750 MB of its 1 GB,
     * and a sidecar whose series claims to be about another target (a label anyone can write).
     */
    static final String CADVISOR = """
            # HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.
            # TYPE container_cpu_usage_seconds_total counter
            container_cpu_usage_seconds_total{container="shop",cpu="total",id="/kubepods/burstable/pod7c1e/3f2a",image="registry.local/shop:1.4",name="3f2a",namespace="prod",pod="shop-7d9f"} 1234.56 1763906735860
            # HELP container_memory_working_set_bytes Current working set in bytes.
            # TYPE container_memory_working_set_bytes gauge
            container_memory_working_set_bytes{container="",id="/",image="",name="",namespace="",pod=""} 2.1e+09 1763906735860
            container_memory_working_set_bytes{container="shop",id="/kubepods/burstable/pod7c1e/3f2a",image="registry.local/shop:1.4",name="3f2a",namespace="prod",pod="shop-7d9f"} 7.5e+08 1763906735860
            container_memory_working_set_bytes{container="sidecar",namespace="prod",pod="shop-7d9f",target="payments-prod"} 1e+08 1763906735860
            # HELP container_spec_memory_limit_bytes Memory limit for the container.
            # TYPE container_spec_memory_limit_bytes gauge
            container_spec_memory_limit_bytes{container="",id="/",image="",name="",namespace="",pod=""} 0 1763906735860
            container_spec_memory_limit_bytes{container="shop",id="/kubepods/burstable/pod7c1e/3f2a",image="registry.local/shop:1.4",name="3f2a",namespace="prod",pod="shop-7d9f"} 1e+09 1763906735860
            """;
    /** A real node_exporter's text without its CPU counters: nothing the defaults derive or forward. */
    static final String QUIET = PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER).lines()
            .filter(line -> !line.contains("node_cpu_seconds_total")).collect(Collectors.joining("\n", "", "\n"));

    /** Stopped by the JVM's exit rather than after a class: the shared collector scrapes it for every class. */
    static final WireMockServer EXPORTERS = startExporters();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate database;

    /** The public port: ingest only. */
    @LocalServerPort
    int port;

    /** Health, metrics and info: on a port of their own, never on the public one. */
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        target(registry, 0, "shop", Map.of("environment", "staging", "service", "shop"));
        registry.add("sentinel.collector.scrape.targets[0].target", () -> SHOP_TARGET);
        target(registry, 1, "down", Map.of("environment", "staging"));
        target(registry, 2, "flaky", Map.of());
        target(registry, 3, "quiet", Map.of());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    HttpRequest.Builder managementRequest(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path));
    }

    static void serve(String path, int status, String body) {
        serve(EXPORTERS, path, status, body);
    }

    private static void serve(WireMockServer server, String path, int status, String body) {
        server.stubFor(get(path).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").withBody(body)));
    }

    private static WireMockServer startExporters() {
        var server = new WireMockServer(options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        serve(server, "/shop/metrics", 200, CADVISOR);
        serve(server, "/down/metrics", 500, "upstream exploded");
        serve(server, "/flaky/metrics", 503, "");
        serve(server, "/quiet/metrics", 200, QUIET);
        return server;
    }

    private static void target(DynamicPropertyRegistry registry, int index, String name, Map<String, String> labels) {
        String prefix = "sentinel.collector.scrape.targets[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "url", () -> EXPORTERS.baseUrl() + "/" + name + "/metrics");
        labels.forEach((label, value) -> registry.add(prefix + "labels." + label, () -> value));
    }
}
