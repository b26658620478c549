package io.sentinel.gateway.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the gateway talks to besides Kafka and PostgreSQL, played by one WireMock server for the
 * whole test JVM: the company's identity provider (a Keycloak realm's OpenID discovery document and
 * signing keys, and tokens signed as Keycloak signs them) and Slack's {@code response_url}s.
 */
final class StandIns {

    static final String REALM_PATH = "/realms/sentinel";
    static final String CERTS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    static final String SLACK_PATH = "/slack/actions/";
    static final WireMockServer SERVER = start();
    /** The realm's signing key, published in its key set. */
    static final RSAKey REALM_KEY = rsaKey("realm-key-1");
    /** A key nobody published: what a forger signs with. */
    static final RSAKey FORGERS_KEY = rsaKey("realm-key-1");

    static {
        SERVER.stubFor(get(urlPathEqualTo(REALM_PATH + "/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"issuer": "%1$s", "jwks_uri": "%1$s/protocol/openid-connect/certs",
                         "authorization_endpoint": "%1$s/protocol/openid-connect/auth", "token_endpoint": "%1$s/protocol/openid-connect/token",
                         "response_types_supported": ["code"], "subject_types_supported": ["public"],
                         "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer()))));
        SERVER.stubFor(get(urlPathEqualTo(CERTS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(REALM_KEY.toPublicJWK()).toString())));
        SERVER.stubFor(post(urlPathMatching(SLACK_PATH + ".*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    private StandIns() {
    }

    static String origin() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    static String issuer() {
        return origin() + REALM_PATH;
    }

    /** A fresh {@code response_url} on the allowed origin, as Slack makes one per button press. */
    static String responseUrl() {
        return origin() + SLACK_PATH + UUID.randomUUID();
    }

    /** The JSON bodies posted to a {@code response_url}, oldest first. */
    static List<String> postedTo(String responseUrl) {
        String path = responseUrl.substring(responseUrl.indexOf(SLACK_PATH));
        return SERVER.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    /** The claims of a token Keycloak issues for a person of the realm, valid for five minutes. */
    static JWTClaimsSet.Builder claims(String username, String... realmRoles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(List.of("sentinel", "account"))
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("azp", "sentinel")
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    static String token(String username, String... realmRoles) {
        return sign(claims(username, realmRoles).build(), REALM_KEY);
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
