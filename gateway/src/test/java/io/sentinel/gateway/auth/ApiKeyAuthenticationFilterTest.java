package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.gateway.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/** Repeated refused keys from one address: counted, then answered without hashing or a database query. */
class ApiKeyAuthenticationFilterTest {

    private static final String UNKNOWN_KEY = "snl_0123456789abcdefghijABCDEFGHIJ0123456789";

    private final AtomicInteger lookups = new AtomicInteger();
    /** Every well-formed key is unknown; each lookup is counted. */
    private final ApiKeys apiKeys = new ApiKeys(Jdbi.create(() -> {
        throw new IllegalStateException("not used");
    }), new AuditTrail(JsonMapper.builder().build(), Clock.systemUTC()), Clock.systemUTC()) {
        @Override
        public Optional<ApiKeyPrincipal> authenticate(String presented) {
            if (ApiKeySecret.wellFormed(presented)) {
                lookups.incrementAndGet();
            }
            return Optional.empty();
        }
    };
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(
            new AuthFailureProperties(3, Duration.ofMinutes(1), Duration.ofMinutes(5), 100), Clock.systemUTC());
    private final List<Duration> rejected = new ArrayList<>();
    private final ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(apiKeys, limiter, (request, response, retryAfter) -> {
        rejected.add(retryAfter);
        response.setStatus(429);
    });

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

    private static MockHttpServletRequest request(String remoteAddress, String key) {
        var request = new MockHttpServletRequest("GET", "/api/incidents");
        request.setRemoteAddr(remoteAddress);
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        return request;
    }
}
