package io.sentinel.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.collector.ingest.IngestBulkhead;
import io.sentinel.collector.ingest.IngestRateLimit;
import io.sentinel.collector.ingest.IngestRateLimits;
import io.sentinel.collector.ingest.IngestToken;
import io.sentinel.collector.ingest.IngestTokens;
import jakarta.servlet.FilterChain;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The three filters in front of {@code /api/*}, on Spring's servlet request and response test doubles. */
class IngestFiltersTest {

    private static final String TOKEN = "ingest-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger passed = new AtomicInteger();
    private final FilterChain chain = (request, response) -> passed.incrementAndGet();

    @Test
    void withNoTokenConfiguredIngestIsClosedNamingWhatToConfigure() throws Exception {
        var filter = new IngestTokenFilter(IngestTokens.of(List.of(), null));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(post("Bearer " + TOKEN), response, chain);

        assertThat(passed).hasValue(0);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.path("detail").asString()).isEqualTo("ingest is closed: no ingest token is configured; set "
                + "sentinel.collector.ingest.tokens[n].{name,token-sha256} or the environment variable SENTINEL_INGEST_TOKEN");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("instance").asString()).isEqualTo("/api/logs");
    }

    @Test
    void aMissingOrUnknownTokenIsUnauthorizedAndAKnownOneGoesThrough() throws Exception {
        var filter = new IngestTokenFilter(IngestTokens.of(List.of(), TOKEN));

        MockHttpServletResponse missing = new MockHttpServletResponse();
        filter.doFilter(post(null), missing, chain);
        MockHttpServletResponse unknown = new MockHttpServletResponse();
        filter.doFilter(post("Bearer not-the-token"), unknown, chain);
        assertThat(passed).hasValue(0);

        for (MockHttpServletResponse refused : List.of(missing, unknown)) {
            assertThat(refused.getStatus()).isEqualTo(401);
            assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"sentinel-ingest\"");
            assertThat(JSON.readTree(refused.getContentAsByteArray()).path("detail").asString())
                    .isEqualTo("missing or unknown ingest token; send Authorization: Bearer <token> (or X-Sentinel-Ingest-Token)");
        }

        MockHttpServletRequest known = post(null);
        known.addHeader("X-Sentinel-Ingest-Token", TOKEN);
        filter.doFilter(known, new MockHttpServletResponse(), chain);
        assertThat(passed).hasValue(1);
        assertThat(known.getAttribute(IngestTokenFilter.TOKEN_NAME)).isEqualTo("env");
    }

    @Test
    void requestsBeyondTheGatesCapacityAreTurnedAwayAtOnceWithRetryAfter() throws Exception {
        Bulkhead bulkhead = IngestBulkhead.of(1);
        var filter = new IngestAdmissionFilter(bulkhead);
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        FilterChain slow = (request, response) -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread first = Thread.ofVirtual().start(() -> {
            try {
                filter.doFilter(post(null), new MockHttpServletResponse(), slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse second = new MockHttpServletResponse();
        filter.doFilter(post(null), second, chain);

        assertThat(passed).hasValue(0);
        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo("1");
        assertThat(JSON.readTree(second.getContentAsByteArray()).path("detail").asString())
                .isEqualTo("too many ingest requests in flight (at most 1, sentinel.collector.ingest.max-in-flight-requests); retry after 1 s");

        release.countDown();
        first.join(10_000);
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).as("the first request's place is free again").isEqualTo(1);
        filter.doFilter(post(null), new MockHttpServletResponse(), chain);
        assertThat(passed).hasValue(1);
    }

    @Test
    void aTokenOverItsRateLimitIsRefusedWith429AndRetryAfterWhileAnotherTokenGoesThrough() throws Exception {
        String sha = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
        var meters = new SimpleMeterRegistry();
        var filter = new IngestRateLimitFilter(IngestRateLimits.of(new IngestRateLimit(20.0, 40),
                List.of(new IngestToken("flood", sha, new IngestRateLimit(0.1, 2)), new IngestToken("ci", sha, null)), System::nanoTime), meters);

        for (int i = 0; i < 2; i++) {
            filter.doFilter(authenticated("flood"), new MockHttpServletResponse(), chain);
        }
        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(authenticated("flood"), refused, chain);
        MockHttpServletResponse other = new MockHttpServletResponse();
        filter.doFilter(authenticated("ci"), other, chain);

        assertThat(passed).as("flood's burst of two, then ci").hasValue(3);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(9, 10);
        assertThat(JSON.readTree(refused.getContentAsByteArray()).path("detail").asString()).matches("too many ingest requests for token "
                + "'flood' \\(at most 0.1 requests/s, bursts of 2, sentinel.collector.ingest.rate-limit or tokens\\[n\\].rate-limit\\); "
                + "retry after (9|10) s");
        assertThat(other.getStatus()).isEqualTo(200);
        assertThat(meters.get("sentinel.collector.ingest.rate.limited").tag("token", "flood").counter().count()).isEqualTo(1);
    }

    private static MockHttpServletRequest authenticated(String tokenName) {
        MockHttpServletRequest request = post(null);
        request.setAttribute(IngestTokenFilter.TOKEN_NAME, tokenName);
        return request;
    }

    private static MockHttpServletRequest post(String authorization) {
        var request = new MockHttpServletRequest("POST", "/api/logs");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
