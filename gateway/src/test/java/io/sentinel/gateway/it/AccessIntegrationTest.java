package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which port serves what, and what a client that keeps presenting bad keys gets. The gateway runs
 * actuator on its management port, in a child context with a server of its own; both servers pass
 * through the gateway's security chains, so both are tested here over real HTTP.
 */
class AccessIntegrationTest extends GatewayApiTest {

    private static final String MISSING_KEY = "Missing or invalid API key; send Authorization: Bearer <key>";

    @Test
    void theManagementPortServesHealthInfoAndMetricsWithoutAKey() {
        Response health = management("GET", "/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(management("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(management("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(management("GET", "/actuator/info", null).status()).isEqualTo(200);
        Response metrics = management("GET", "/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("# HELP").contains("service=\"gateway\"");
        assertThat(management("GET", "/actuator/health", "hunter2").status()).as("keys are not read here").isEqualTo(200);
    }

    @Test
    void theManagementPortServesNothingElse() {
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers",
                "/actuator/configprops", "/api/me", "/api/incidents", "/")) {
            Response response = management("GET", path, ADMIN_KEY);
            assertThat(response.status()).as("GET %s on the management port", path).isEqualTo(404);
            assertThat(response.body()).doesNotContain("\"UP\"");
        }
        assertThat(management("POST", "/actuator/health", null).status()).isEqualTo(404);
        assertThat(management("DELETE", "/actuator/loggers/ROOT", null).status()).isEqualTo(404);
    }

    @Test
    void thePublicPortNeverServesActuatorWhateverTheKey() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/info", "/actuator/prometheus", "/actuator",
                "/actuator/env")) {
            for (String key : new String[] {null, ADMIN_KEY}) {
                Response response = get(path, key);
                assertThat(response.status()).as("GET %s on the public port with %s", path, key == null ? "no key" : "the admin key")
                        .isEqualTo(404);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.detail()).isEqualTo("Nothing is served at GET " + path
                        + " on this port; health, info and metrics are served on the management port (management.server.port)");
            }
        }
        Response root = get("/", ADMIN_KEY);
        assertThat(root.status()).isEqualTo(404);
        assertThat(root.detail()).isEqualTo("Nothing is served at GET /");
        assertThat(get("/error", ADMIN_KEY).status()).isEqualTo(404);
        assertThat(get("/api/me", ADMIN_KEY).status()).as("the API itself is served").isEqualTo(200);
    }

    /** 127.0.0.2 plays an attacker's machine, 127.0.0.1 everybody else. */
    @Test
    void repeatedKeyFailuresFromOneAddressAreAnswered429ForACoolDownWithoutAffectingOthers() {
        String attacker = "127.0.0.2";
        for (int i = 0; i < 10; i++) {
            String guess = i % 2 == 0 ? "snl_" + "%040d".formatted(i) : "not-even-a-key-" + i;
            Response refused = exchangeFrom(attacker, request(uri("/api/me"), guess).GET().build());
            assertThat(refused.status()).as("failure %d is answered like any bad key", i + 1).isEqualTo(401);
        }

        Response blocked = exchangeFrom(attacker, request(uri("/api/me"), viewerKey).GET().build());
        assertThat(blocked.status()).as("even a valid key, from a blocked address").isEqualTo(429);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(blocked.response().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 300L);
        assertThat(blocked.detail()).isEqualTo("Too many refused API keys from your address; try again in "
                + retryAfter + " seconds with a valid key");
        assertThat(exchangeFrom(attacker, request(uri("/api/incidents"), null).GET().build()).status()).isEqualTo(429);

        assertThat(get("/api/me", viewerKey).status()).as("another address is unaffected").isEqualTo(200);
        assertThat(exchangeFrom("127.0.0.3", request(uri("/api/me"), viewerKey).GET().build()).status()).isEqualTo(200);
        assertThat(exchangeFrom(attacker, request(managementUri("/actuator/health"), null).GET().build()).status())
                .as("the management port knows nothing of keys").isEqualTo(200);
    }

    @Test
    void aKeyOfAnyOtherShapeIsRefusedLikeAnUnknownOne() {
        String client = "127.0.0.4";
        for (String presented : List.of("snl_short", "snl_" + "a".repeat(39) + "-", "snl_" + "a".repeat(41), "snl_" + "a".repeat(6000),
                "snl_' or '1'='1", "SNL_" + "a".repeat(40))) {
            Response response = exchangeFrom(client, request(uri("/api/me"), presented).GET().build());
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.detail()).isEqualTo(MISSING_KEY);
        }
    }

    private Response management(String method, String path, String key) {
        return exchange(request(managementUri(path), key).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
