package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Single sign-on: tokens the stand-in Keycloak realm signs (and forgeries of them) against the real
 * gateway. The realm's discovery document and keys are served by WireMock, as Keycloak serves them.
 */
class SingleSignOnIntegrationTest extends GatewayApiTest {

    private static final String TOKEN_REFUSED = "Bearer token refused: ";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"sentinel-viewer, VIEWER", "sentinel-operator, OPERATOR", "sentinel-admin, ADMIN"})
    void aRealmRoleMakesTheSignedInPersonAViewerOperatorOrAdmin(String realmRole, Role role) {
        String name = "it-sso-" + role.name().toLowerCase();
        Response me = get("/api/me", StandIns.token(name, realmRole, "offline_access"));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("name").asString()).isEqualTo(name);
        assertThat(me.json().path("role").asString()).isEqualTo(role.name());
        assertThat(me.json().path("via").asString()).isEqualTo("sso");
    }

    @Test
    void aClientRoleCountsAndTheHighestRoleWins() {
        String token = StandIns.sign(StandIns.claims("it-sso-clientrole", "sentinel-viewer")
                .claim("resource_access", Map.of("sentinel", Map.of("roles", List.of("sentinel-operator")),
                        "grafana", Map.of("roles", List.of("sentinel-admin"))))
                .build(), StandIns.REALM_KEY);
        assertThat(get("/api/me", token).json().path("role").asString()).isEqualTo("OPERATOR");
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        String token = StandIns.sign(StandIns.claims("it-sso-x", "sentinel-admin").issuer(StandIns.origin() + "/realms/other").build(),
                StandIns.REALM_KEY);
        assertRefused(token, "The iss claim is not valid");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        String token = StandIns.sign(StandIns.claims("it-sso-x", "sentinel-admin").audience(List.of("grafana", "account")).build(),
                StandIns.REALM_KEY);
        assertRefused(token, "The aud claim is not valid");
    }

    @Test
    void refusesAnExpiredToken() {
        Instant longAgo = Instant.now().minusSeconds(600);
        String token = StandIns.sign(StandIns.claims("it-sso-x", "sentinel-admin").issueTime(Date.from(longAgo.minusSeconds(300)))
                .expirationTime(Date.from(longAgo)).build(), StandIns.REALM_KEY);
        assertRefused(token, "Jwt expired at");
    }

    @Test
    void refusesATokenWithoutAnExpiry() {
        String token = StandIns.sign(StandIns.claims("it-sso-x", "sentinel-admin").expirationTime(null).build(), StandIns.REALM_KEY);
        assertRefused(token, "exp is required");
    }

    @Test
    void refusesAnUnsignedToken() {
        String unsigned = new PlainJWT(StandIns.claims("it-sso-x", "sentinel-admin").build()).serialize();
        assertThat(unsigned).endsWith(".");
        assertRefused(unsigned, "Unsupported algorithm of none");
    }

    @Test
    void refusesATokenWhoseClaimsWereChangedAfterSigning() throws Exception {
        SignedJWT genuine = SignedJWT.parse(StandIns.token("it-sso-mallory", "sentinel-viewer"));
        JWTClaimsSet promoted = StandIns.claims("it-sso-mallory", "sentinel-admin").build();
        String tampered = genuine.getHeader().toBase64URL() + "." + Base64URL.encode(promoted.toString()) + "." + genuine.getSignature();
        assertRefused(tampered, "Invalid signature");
        assertThat(get("/api/me", genuine.serialize()).status()).as("the genuine token works").isEqualTo(200);
    }

    @Test
    void refusesATokenSignedWithAKeyTheRealmDidNotPublish() {
        assertRefused(StandIns.sign(StandIns.claims("it-sso-x", "sentinel-admin").build(), StandIns.FORGERS_KEY), "Invalid signature");
    }

    @Test
    void refusesATokenSignedWithTheKeyAsAnHmacSecret() throws Exception {
        // The classic confusion attack: HS256 keyed with the realm's public key.
        var header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(StandIns.REALM_KEY.getKeyID()).build();
        var jwt = new SignedJWT(header, StandIns.claims("it-sso-x", "sentinel-admin").build());
        jwt.sign(new MACSigner(StandIns.REALM_KEY.toRSAPublicKey().getEncoded()));
        assertRefused(jwt.serialize(), "Another algorithm expected");
    }

    @Test
    void refusesATokenThatGrantsNoSentinelRole() {
        Response refused = refusedFromElsewhere(StandIns.token("it-sso-nobody", "offline_access"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.detail()).isEqualTo(TOKEN_REFUSED + "the token grants none of the roles sentinel-admin, sentinel-operator, "
                + "sentinel-viewer (as a realm role or a role of client 'sentinel')");
    }

    @Test
    void apiKeysWorkBesideTokens() {
        assertThat(get("/api/me", viewerKey).json().path("via").asString()).isEqualTo("api-key");
        assertThat(exchange(HttpRequest.newBuilder(uri("/api/me")).header("X-API-Key", operatorKey).GET().build()).status()).isEqualTo(200);
    }

    /** What each role may do, signed in: every endpoint's rule, one token per role. */
    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource({
            "GET, /api/incidents, sentinel-viewer, 200",
            "GET, /api/settings, sentinel-viewer, 200",
            "POST, /api/approvals/no-such-approval, sentinel-viewer, 403",
            "POST, /api/approvals/no-such-approval, sentinel-operator, 400",
            "POST, /api/silences, sentinel-viewer, 403",
            "POST, /api/silences, sentinel-operator, 400",
            "GET, /api/keys, sentinel-operator, 403",
            "GET, /api/keys, sentinel-admin, 200",
            "GET, /api/identities, sentinel-operator, 403",
            "GET, /api/identities, sentinel-admin, 200",
            "PUT, /api/settings/detector.rules.x, sentinel-operator, 403",
            "POST, /api/brake/release, sentinel-operator, 403",
            "POST, /api/brake/release, sentinel-admin, 400",
            "POST, /api/ask, sentinel-viewer, 400",
            "GET, /api/secrets, sentinel-admin, 403"})
    void eachRoleReachesWhatItsRoleAllows(String method, String path, String realmRole, int status) {
        String body = method.equals("GET") ? null : "{}";
        Response response = call(method, path, StandIns.token("it-sso-matrix", realmRole), body);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (status == 403 && !path.equals("/api/secrets")) {
            assertThat(response.detail()).contains("; your token has ");
        }
    }

    @Test
    void theSignedInPersonIsWhoVotesAndWhomTheAuditNames() {
        String approval = unique("ap");
        awaitPendingApproval(unique("inc"), approval, Risk.HIGH);
        Response voted = post("/api/approvals/" + approval, StandIns.token("it-sso-grace", "sentinel-admin"), "{\"decision\":\"approve\"}");
        assertThat(voted.status()).isEqualTo(202);
        assertThat(voted.json().path("voter").asString()).isEqualTo("it-sso-grace");
        ApprovalVoteCast vote = probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval), WAIT);
        assertThat(vote.voter()).isEqualTo("it-sso-grace");
        assertThat(vote.voterRoles()).isEqualTo(Set.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN));
        assertThat(auditEntries(approval)).containsExactly("it-sso-grace|ADMIN|approval.vote");

        Response key = post("/api/keys", StandIns.token("it-sso-grace", "sentinel-admin"), "{\"name\":\"it-sso-made\",\"role\":\"VIEWER\"}");
        assertThat(key.status()).isEqualTo(201);
        assertThat(auditEntries(key.json().path("id").asString())).containsExactly("it-sso-grace|ADMIN|api_key.create");
    }

    /** 127.0.0.6 plays a client that keeps presenting forged tokens. */
    @Test
    void repeatedlyRefusedTokensFromOneAddressAreAnswered429() {
        String forged = StandIns.sign(StandIns.claims("it-sso-x", "sentinel-admin").build(), StandIns.FORGERS_KEY);
        for (int i = 0; i < 10; i++) {
            assertThat(exchangeFrom("127.0.0.6", request(uri("/api/me"), forged).GET().build()).status()).isEqualTo(401);
        }
        String valid = StandIns.token("it-sso-viewer", "sentinel-viewer");
        assertThat(exchangeFrom("127.0.0.6", request(uri("/api/me"), valid).GET().build()).status()).isEqualTo(429);
        assertThat(exchangeFrom("127.0.0.7", request(uri("/api/me"), valid).GET().build()).status()).isEqualTo(200);
    }

    /** From another loopback address: refused tokens count against their address, and these must not block 127.0.0.1. */
    private Response refusedFromElsewhere(String token) {
        return exchangeFrom(otherClientAddress(), request(uri("/api/me"), token).GET().build());
    }

    private void assertRefused(String token, String reasonMentions) {
        Response refused = refusedFromElsewhere(token);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail()).startsWith(TOKEN_REFUSED).contains(reasonMentions);
        assertThat(refused.response().headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }
}
