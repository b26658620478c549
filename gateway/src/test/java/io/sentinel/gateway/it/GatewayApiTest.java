package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.gateway.GatewayApplication;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway alone, on a real broker and database, driven through its HTTP API. Every integration
 * test class of the gateway extends this, so that they all have the one Spring test configuration
 * declared here and share one running gateway.
 */
@SpringBootTest(classes = GatewayApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "sentinel.gateway.auth.bootstrap-admin-key=" + GatewayApiTest.ADMIN_KEY)
abstract class GatewayApiTest extends ServiceIntegrationTest {

    /** Shaped exactly like a generated key, as the gateway requires of the bootstrap key too. */
    static final String ADMIN_KEY = "snl_IntegrationTestBootstrapAdminKey00000001";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Clients calling from other loopback addresses, to play other machines: failed keys are counted per address. */
    private static final Map<String, HttpClient> CLIENTS_FROM = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static String viewerKey;
    static String operatorKey;

    @Value("${local.server.port}")
    int port;

    /** Actuator (health, info, metrics) on a port of its own, in a child context of the gateway's. */
    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    Jdbi jdbi;

    /** A viewer and an operator key, created through the API by the bootstrap admin key, once for the whole run. */
    @BeforeEach
    void createKeysThroughTheApi() {
        if (viewerKey == null) {
            viewerKey = createKey("it-viewer", "VIEWER").path("key").asString();
            operatorKey = createKey("it-operator", "OPERATOR").path("key").asString();
        }
    }

    record Response(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String detail() {
            return json().path("detail").asString();
        }
    }

    JsonNode createKey(String name, String role) {
        Response created = call("POST", "/api/keys", ADMIN_KEY, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** actor|role|action of each audit entry about the target, oldest first. */
    List<String> auditEntries(String target) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select actor || '|' || coalesce(actor_role, '') || '|' || action from audit_log where target = :target order by at""")
                .bind("target", target).mapTo(String.class).list());
    }

    Response get(String path, String key) {
        return call("GET", path, key, null);
    }

    Response post(String path, String key, String body) {
        return call("POST", path, key, body);
    }

    Response call(String method, String path, String key, String body) {
        var request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return exchange(request.build());
    }

    static Response exchange(HttpRequest request) {
        return exchange(HTTP, request);
    }

    /** The request sent from another loopback address, e.g. 127.0.0.2: to the gateway, another client machine. */
    static Response exchangeFrom(String localAddress, HttpRequest request) {
        HttpClient client = CLIENTS_FROM.computeIfAbsent(localAddress, address -> {
            try {
                return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        });
        return exchange(client, request);
    }

    private static Response exchange(HttpClient client, HttpRequest request) {
        try {
            return new Response(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    static HttpRequest.Builder request(URI uri, String key) {
        var request = HttpRequest.newBuilder(uri);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    /** Unique within the run and across runs on one database: lowercase letters, digits and dashes. */
    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + IDS.incrementAndGet();
    }
}
