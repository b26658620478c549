package io.sentinel.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.gateway.auth.AuthFailureLimiter;
import io.sentinel.gateway.auth.AuthFailureProperties;
import io.sentinel.gateway.auth.ClientAddress;
import io.sentinel.gateway.auth.OidcProperties;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** When the identity provider is away, nobody's token can be checked: that is a 503, not the caller's failure. */
class SingleSignOnTest {

    private static final String SOME_JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

    private final AuthFailureLimiter limiter = new AuthFailureLimiter(
            new AuthFailureProperties(1, Duration.ofMinutes(1), Duration.ofMinutes(5), 100), Clock.systemUTC());
    private final SecurityProblems problems = new SecurityProblems((request, response, handler, exception) -> null);

    @Test
    void anUnreachableIdentityProviderIsNotABadToken() throws Exception {
        SingleSignOn sso = new SingleSignOn(new OidcProperties("http://127.0.0.1:" + closedPort() + "/realms/sentinel", "sentinel", null,
                "sentinel", Duration.ofSeconds(2)), Clock.systemUTC());

        assertThatThrownBy(() -> sso.decoder().decode(SOME_JWT)).isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class)
                .hasMessageStartingWith("the identity provider's discovery document could not be read");
    }

    @Test
    void answers503ForTokensThatCannotBeCheckedAnd401CountedForRefusedOnes() throws Exception {
        SingleSignOn sso = new SingleSignOn(new OidcProperties("https://sso.example.com/realms/sentinel", "sentinel", null, "sentinel",
                Duration.ofSeconds(2)), Clock.systemUTC());
        var handler = sso.failures(limiter, problems);

        MockHttpServletResponse uncheckable = new MockHttpServletResponse();
        handler.onAuthenticationFailure(request(), uncheckable, new AuthenticationServiceException("keys unreachable"));
        assertThat(uncheckable.getStatus()).isEqualTo(503);
        assertThat(uncheckable.getHeader("Retry-After")).isEqualTo("30");
        assertThat(limiter.blockedFor(new ClientAddress("198.51.100.9"))).as("not the caller's failure").isEmpty();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        handler.onAuthenticationFailure(request(), refused, new InvalidBearerTokenException("Jwt expired"));
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getErrorMessage()).isEqualTo("Bearer token refused: Jwt expired");
        assertThat(limiter.blockedFor(new ClientAddress("198.51.100.9"))).as("counted, with max-failures 1").isPresent();
    }

    @Test
    void onlyJwtShapedBearerValuesAreTokens() {
        SingleSignOn sso = new SingleSignOn(new OidcProperties("https://sso.example.com/realms/sentinel", "sentinel", null, "sentinel",
                Duration.ofSeconds(2)), Clock.systemUTC());
        MockHttpServletRequest token = request();
        token.addHeader("Authorization", "Bearer " + SOME_JWT);
        MockHttpServletRequest key = request();
        key.addHeader("Authorization", "Bearer snl_0123456789abcdefghijABCDEFGHIJ0123456789");
        MockHttpServletRequest headerKey = request();
        headerKey.addHeader("X-API-Key", SOME_JWT);

        assertThat(sso.tokens().resolve(token)).isEqualTo(SOME_JWT);
        assertThat(sso.tokens().resolve(key)).isNull();
        assertThat(sso.tokens().resolve(headerKey)).as("tokens travel only in Authorization").isNull();
    }

    private static MockHttpServletRequest request() {
        var request = new MockHttpServletRequest("GET", "/api/me");
        request.setRemoteAddr("198.51.100.9");
        return request;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
