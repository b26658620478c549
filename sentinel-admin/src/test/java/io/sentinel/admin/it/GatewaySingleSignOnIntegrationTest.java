package io.sentinel.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.admin.keycloak.SetupArguments;
import io.sentinel.gateway.GatewayApplication;
import io.sentinel.testkit.ServiceIntegrationTest;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.ClientRepresentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole single sign-on path: {@code keycloak-setup} makes the realm in a real Keycloak, the
 * realm issues tokens with the password grant, and the real gateway, pointed at the realm through
 * {@code sentinel.gateway.oidc.issuer-uri} (what {@code SENTINEL_OIDC_ISSUER_URI} sets), takes them
 * for Sentinel's roles, and refuses tokens that are not for it.
 */
@ExtendWith(RealKeycloak.class)
@SpringBootTest(classes = GatewayApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class GatewaySingleSignOnIntegrationTest extends ServiceIntegrationTest {

    private static final String REALM = "sentinel";
    private static final String OTHER_REALM = "elsewhere";
    /** Another application in Sentinel's realm, e.g. a dashboard the same people sign in to. */
    private static final String OTHER_CLIENT = "grafana";
    private static final String ADMIN_PASSWORD = "First-Admin-Password-1";
    private static final String VIEWER_PASSWORD = "Viewer-Password-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakProcess keycloak;
    private static Keycloak admin;

    @Value("${local.server.port}")
    int port;

    /** Runs before the gateway starts: the gateway is pointed at a realm that exists. */
    @BeforeAll
    static void setUpTheRealms() {
        keycloak = RealKeycloak.server();
        for (String realm : List.of(REALM, OTHER_REALM)) {
            SetupRun run = SetupRun.of(List.of("--url", keycloak.url().toString(), "--admin-user", KeycloakProcess.ADMIN_USER, "--realm", realm,
                            "--admin-email", "oncall@example.com"),
                    Map.of(SetupArguments.ADMIN_PASSWORD_VARIABLE, keycloak.adminPassword(), SetupArguments.FIRST_ADMIN_PASSWORD_VARIABLE, ADMIN_PASSWORD));
            assertThat(run.exitCode()).as("keycloak-setup for realm %s: %s", realm, run.err()).isZero();
        }
        admin = KeycloakBuilder.builder().serverUrl(keycloak.url().toString()).realm("master").clientId("admin-cli")
                .username(KeycloakProcess.ADMIN_USER).password(keycloak.adminPassword()).build();
        KeycloakSetupIntegrationTest.createUserWithRole(admin.realm(REALM), "vera", VIEWER_PASSWORD, "sentinel-viewer");
        var otherApplication = new ClientRepresentation();
        otherApplication.setClientId(OTHER_CLIENT);
        otherApplication.setPublicClient(true);
        otherApplication.setDirectAccessGrantsEnabled(true);
        try (Response created = admin.realm(REALM).clients().create(otherApplication)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
    }

    @AfterAll
    static void disconnect() {
        if (admin != null) {
            admin.close();
        }
    }

    @DynamicPropertySource
    static void pointTheGatewayAtTheRealm(DynamicPropertyRegistry registry) {
        registry.add("sentinel.gateway.oidc.issuer-uri", () -> RealKeycloak.server().issuer(REALM));
    }

    @Test
    void theFirstAdminsTokenIsAnAdminAtTheGateway() {
        String token = Tokens.accessToken(keycloak.issuer(REALM), "sentinel", "admin", ADMIN_PASSWORD);

        Answer me = call("GET", "/api/me", token, null);

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(me.json().path("name").asText()).as("the person, as votes and the audit log will name them").isEqualTo("admin");
        assertThat(me.json().path("via").asText()).isEqualTo("sso");
    }

    @Test
    void aViewersTokenMayReadButNotApprove() {
        String token = Tokens.accessToken(keycloak.issuer(REALM), "sentinel", "vera", VIEWER_PASSWORD);

        Answer me = call("GET", "/api/me", token, null);
        Answer vote = call("POST", "/api/approvals/" + UUID.randomUUID(), token, "{\"decision\":\"approve\"}");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("role").asText()).isEqualTo("VIEWER");
        assertThat(me.json().path("name").asText()).isEqualTo("vera");
        assertThat(vote.status()).as(vote.body()).isEqualTo(403);
    }

    @Test
    void aTokenFromAnotherRealmOfTheSameKeycloakIsRefused() {
        String token = Tokens.accessToken(keycloak.issuer(OTHER_REALM), "sentinel", "admin", ADMIN_PASSWORD);

        assertThat(call("GET", "/api/me", token, null).status()).isEqualTo(401);
    }

    /** Same realm, same person, same roles: only the audience tells this token is another application's. */
    @Test
    void aTokenOfTheRightRealmIssuedForAnotherApplicationIsRefused() {
        String token = Tokens.accessToken(keycloak.issuer(REALM), OTHER_CLIENT, "admin", ADMIN_PASSWORD);
        JsonNode claims = Tokens.claims(token);
        assertThat(Tokens.realmRoles(claims)).contains("sentinel-admin");
        assertThat(Tokens.audience(claims)).doesNotContain("sentinel");

        assertThat(call("GET", "/api/me", token, null).status()).isEqualTo(401);
    }

    @Test
    void aTokenWithAnAlteredSignatureIsRefused() {
        String token = Tokens.accessToken(keycloak.issuer(REALM), "sentinel", "admin", ADMIN_PASSWORD);
        // Inside the signature, not at its end, where a base64url character may carry unused bits.
        int inSignature = token.lastIndexOf('.') + 10;
        String tampered = token.substring(0, inSignature) + (token.charAt(inSignature) == 'A' ? 'B' : 'A') + token.substring(inSignature + 1);

        assertThat(call("GET", "/api/me", tampered, null).status()).isEqualTo(401);
    }

    private Answer call(String method, String path, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
