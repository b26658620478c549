package io.sentinel.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.auth.ApiKeyAuthenticator;
import io.sentinel.gateway.auth.ApiKeySecret;
import io.sentinel.gateway.auth.AuthFailureLimiter;
import io.sentinel.gateway.auth.AuthFailureProperties;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.auth.Channel;
import io.sentinel.gateway.auth.ClientAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** Repeated refused keys from one address: counted, then answered without hashing or a database query. */
class ApiKeyAuthenticationFilterTest {

    private static final String UNKNOWN_KEY = "snl_0123456789abcdefghijABCDEFGHIJ0123456789";

    private final AtomicInteger lookups = new AtomicInteger();
    /** Every well-formed key is unknown; each lookup is counted. */
    private final ApiKeyAuthenticator apiKeys = presented -> {
        if (ApiKeySecret.wellFormed(presented)) {
            lookups.incrementAndGet();
        }
        return Optional.empty();
    };
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(
            new AuthFailureProperties(3, Duration.ofMinutes(1), Duration.ofMinutes(5), 100), Clock.systemUTC());
    private final List<Duration> rejected = new ArrayList<>();
    private final ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(apiKeys, limiter, (request, response, retryAfter) -> {
        rejected.add(retryAfter);
        response.setStatus(429);
    });

    @ParameterizedTest
    @EnumSource(Role.class)
    void aKeyIsGrantedTheAuthorityOfEveryRoleItsRoleIncludes(Role role) {
        var principal = new Caller("k1", "someone", role, Channel.API_KEY);
        Set<Role> granted = principal.grantedRoles();

        assertThat(ApiKeyAuthenticationFilter.authorities(principal)).extracting(Object::toString)
                .containsExactlyInAnyOrderElementsOf(granted.stream().map(r -> "ROLE_" + r).toList());
    }

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void answersABlockedAddressWithoutLookingAtItsKey() throws Exception {
        for (int i = 0; i < 3; i++) {
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(request("203.0.113.7", i % 2 == 0 ? "hunter2" : UNKNOWN_KEY), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as("a refused key goes on unauthenticated, to be answered 401").isNotNull();
        }
        assertThat(lookups).as("only the well-formed key was looked up").hasValue(1);

        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("203.0.113.7", UNKNOWN_KEY), response, chain);
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(chain.getRequest()).as("a blocked request goes no further").isNull();
        assertThat(rejected).singleElement().satisfies(retryAfter -> assertThat(retryAfter).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5)));
        assertThat(lookups).as("no lookup for a blocked address").hasValue(1);
    }

    @Test
    void anotherAddressIsUnaffectedAndARequestWithoutAKeyIsNotAFailure() throws Exception {
        for (int i = 0; i < 3; i++) {
            filter.doFilter(request("203.0.113.7", "hunter2"), new MockHttpServletResponse(), new MockFilterChain());
        }
        for (int i = 0; i < 10; i++) {
            filter.doFilter(request("203.0.113.8", null), new MockHttpServletResponse(), new MockFilterChain());
        }
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request("203.0.113.8", null), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(limiter.blockedFor(new ClientAddress("203.0.113.8"))).isEmpty();
        assertThat(limiter.blockedFor(new ClientAddress("203.0.113.7"))).isPresent();
    }

    @Test
    void withSingleSignOnAJwtInAuthorizationIsLeftToTheTokenCheckNeitherLookedUpNorCounted() throws Exception {
        var sso = new ApiKeyAuthenticationFilter(apiKeys, limiter, (request, response, retryAfter) -> response.setStatus(429), true);
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";
        for (int i = 0; i < 5; i++) {
            MockFilterChain chain = new MockFilterChain();
            sso.doFilter(request("203.0.113.9", jwt), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).isNotNull();
        }
        assertThat(limiter.blockedFor(new ClientAddress("203.0.113.9"))).isEmpty();

        for (int i = 0; i < 3; i++) {
            var sentAsKey = new MockHttpServletRequest("GET", "/api/incidents");
            sentAsKey.setRemoteAddr("203.0.113.10");
            sentAsKey.addHeader("X-API-Key", jwt);
            sso.doFilter(sentAsKey, new MockHttpServletResponse(), new MockFilterChain());
        }
        assertThat(limiter.blockedFor(new ClientAddress("203.0.113.10"))).as("a token is no API key in X-API-Key").isPresent();

        var withoutSso = new MockFilterChain();
        for (int i = 0; i < 3; i++) {
            filter.doFilter(request("203.0.113.11", jwt), new MockHttpServletResponse(), withoutSso);
            withoutSso = new MockFilterChain();
        }
        assertThat(limiter.blockedFor(new ClientAddress("203.0.113.11"))).as("without single sign-on a token is a refused key").isPresent();
        assertThat(lookups).as("none of it was shaped like a key: nothing looked up").hasValue(0);
    }

    private static MockHttpServletRequest request(String remoteAddress, String key) {
        var request = new MockHttpServletRequest("GET", "/api/incidents");
        request.setRemoteAddr(remoteAddress);
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        return request;
    }
}
