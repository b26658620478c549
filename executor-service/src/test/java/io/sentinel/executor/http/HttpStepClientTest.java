package io.sentinel.executor.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.secrets.SecretStore;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.HttpRequestSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

/** The step client against real sockets: every test here is an attack on where a step goes, how long it takes or what it reads. */
class HttpStepClientTest {

    private static final String TOKEN = "t0k3n:s3cr3t@x";
    private static WireMockServer service;
    private final StepTransport transport = new StepTransport(Duration.ofSeconds(2), 64 * 1024);

    @BeforeAll
    static void startTheService() {
        service = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        service.start();
    }

    @AfterAll
    static void stopTheService() {
        service.stop();
    }

    @AfterEach
    void closeTheTransport() {
        transport.close();
        service.resetAll();
    }

    @Test
    void sendsEachValueEncodedForItsPlaceAndTheHostFromTheTarget() throws Exception {
        try (RawHttpServer peer = new RawHttpServer(RawHttpServer.Responder.ok("{}"))) {
            HttpStepClient client = client(List.of("127.0.0.1:" + peer.port()), List.of("127.0.0.0/8"), HostResolver.SYSTEM);
            var spec = new HttpRequestSpec("POST", "{{target.url}}/queues/{{params.q}}/drain?why={{params.q}}",
                    Map.of("Content-Type", "application/json"), "{\"q\": \"{{params.q}}\"}", null, Duration.ofSeconds(2));

            StepOutcome outcome = client.run(spec, variables(target("http://127.0.0.1:" + peer.port()), Map.of("q", "a/../b?c#d@e")));

            assertThat(outcome.succeeded()).isTrue();
            assertThat(peer.requestHeads()).singleElement().asString()
                    .startsWith("POST /queues/a%2F..%2Fb%3Fc%23d%40e/drain?why=a%2F..%2Fb%3Fc%23d%40e HTTP/1.1\r\n")
                    .contains("Host: 127.0.0.1:" + peer.port() + "\r\n");
        }
    }

    @Test
    void connectsOnlyToTheAddressItCheckedNeverLookingTheHostUpAgain() throws Exception {
        try (RawHttpServer peer = new RawHttpServer(RawHttpServer.Responder.ok("{}"))) {
            AtomicInteger lookups = new AtomicInteger();
            // DNS rebinding: a public address when checked, loopback on any later lookup.
            HostResolver rebinding = host -> List.of(InetAddress.getByName(lookups.getAndIncrement() == 0 ? "192.0.2.10" : "127.0.0.1"));
            HttpStepClient client = client(List.of("rebind.test:" + peer.port()), List.of(), rebinding);
            var spec = new HttpRequestSpec("GET", "{{target.url}}/admin", Map.of(), null, null, Duration.ofMillis(700));

            StepOutcome outcome = client.run(spec, variables(target("http://rebind.test:" + peer.port()), Map.of()));

            assertThat(outcome.succeeded()).isFalse();
            assertThat(lookups).as("resolved once, for the check; the connection used that answer").hasValue(1);
            assertThat(peer.connections()).as("the loopback peer was never reached").isZero();
        }
    }

    @Test
    void keepsTheHostNameForTheHostHeaderWhileConnectingToThePinnedAddress() throws Exception {
        try (RawHttpServer peer = new RawHttpServer(RawHttpServer.Responder.ok("{}"))) {
            AtomicInteger lookups = new AtomicInteger();
            HostResolver resolver = host -> {
                lookups.incrementAndGet();
                return List.of(InetAddress.getByName(host.equals("shop.test") ? "127.0.0.1" : "192.0.2.10"));
            };
            HttpStepClient client = client(List.of("shop.test:" + peer.port()), List.of("127.0.0.0/8"), resolver);

            StepOutcome outcome = client.run(new HttpRequestSpec("GET", "{{target.url}}/health", Map.of(), null, null, null),
                    variables(target("http://shop.test:" + peer.port()), Map.of()));

            assertThat(outcome.succeeded()).isTrue();
            assertThat(lookups).hasValue(1);
            assertThat(peer.requestHeads()).singleElement().asString().contains("Host: shop.test:" + peer.port() + "\r\n");
        }
    }

    @Test
    void refusesAnAllowlistedNameThatResolvesToTheMetadataService() {
        HostResolver resolver = host -> List.of(InetAddress.getByName("169.254.169.254"));
        HttpStepClient client = client(List.of("metadata.test:80", "169.254.169.254:80"), List.of("127.0.0.0/8"), resolver);
        var spec = new HttpRequestSpec("GET", "{{target.url}}/latest/meta-data/iam/security-credentials/", Map.of(), null, null, null);

        StepOutcome byName = client.run(spec, variables(target("http://metadata.test:80"), Map.of()));
        StepOutcome byAddress = client.run(spec, variables(target("http://169.254.169.254:80"), Map.of()));

        assertThat(byName.succeeded()).isFalse();
        assertThat(byName.retryable()).as("asking again resolves to the same forbidden address").isFalse();
        assertThat(byName.detail()).isEqualTo("host metadata.test resolves to 169.254.169.254, a link-local address, which steps may "
                + "not call unless sentinel.executor.http.allowed-networks covers it");
        assertThat(byAddress.detail()).startsWith("host 169.254.169.254 resolves to 169.254.169.254, a link-local address");
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsSpecial() {
        HostResolver resolver = host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"));
        HttpStepClient client = client(List.of("split.test:80"), List.of(), resolver);

        StepOutcome outcome = client.run(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of(), null, null, null),
                variables(target("http://split.test:80"), Map.of()));

        assertThat(outcome.detail()).isEqualTo("host split.test resolves to 10.0.0.5, a private address, which steps may not call unless "
                + "sentinel.executor.http.allowed-networks covers it");
    }

    @Test
    void aHostThatNeverResolvesFailsTheStepAtItsDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        HttpStepClient client = client(List.of("slow-dns.test:80"), List.of(), host -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });

        StepOutcome outcome = client.run(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of(), null, null, Duration.ofMillis(500)),
                variables(target("http://slow-dns.test:80"), Map.of()));

        assertThat(outcome.detail()).isEqualTo("host slow-dns.test did not resolve within the step's timeout of 500 ms");
        assertThat(outcome.retryable()).as("DNS may answer next time").isTrue();
    }

    @Test
    void refusesEveryStepWhileTheAllowlistIsEmptyWithoutLookingAnythingUp() {
        HttpStepClient client = client(List.of(), List.of("127.0.0.0/8"), host -> {
            throw new AssertionError("nothing may be resolved for a host that may not be called");
        });

        StepOutcome outcome = client.run(new HttpRequestSpec("GET", "{{target.url}}/health", Map.of(), null, null, null),
                variables(target(serviceUrl()), Map.of()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.detail()).isEqualTo("no host may be called: sentinel.executor.http.allowed-hosts is empty");
        assertThat(outcome.retryable()).isFalse();
        assertThat(service.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void failsAStepWhoseBodyTricklesPastItsDeadline() {
        service.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withBody("x".repeat(200))
                .withChunkedDribbleDelay(40, 10_000)));

        StepOutcome outcome = allowingTheService().run(new HttpRequestSpec("GET", "{{target.url}}/slow", Map.of(), null, null,
                Duration.ofMillis(800)), variables(target(serviceUrl()), Map.of()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.detail()).contains("no complete response within the step's timeout of 800 ms");
        assertThat(outcome.retryable()).as("a deadline may be met next time").isTrue();
        assertThat(outcome.durationMillis()).as("stopped at the deadline, not when the body ended 10 s later").isLessThan(5_000);
    }

    @Test
    void failsAStepWhoseHeadersTricklePastItsDeadline() throws Exception {
        try (RawHttpServer peer = new RawHttpServer(RawHttpServer.Responder.tricklingHeaders(100))) {
            HttpStepClient client = client(List.of("127.0.0.1:" + peer.port()), List.of("127.0.0.0/8"), HostResolver.SYSTEM);

            StepOutcome outcome = client.run(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of(), null, null, Duration.ofMillis(800)),
                    variables(target("http://127.0.0.1:" + peer.port()), Map.of()));

            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.detail()).contains("no complete response within the step's timeout of 800 ms");
            assertThat(outcome.durationMillis()).as("the headers would take 8 s").isLessThan(5_000);
        }
    }

    @Test
    void failsAStepWhoseResponseIsLargerThanTheCap() {
        service.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(100 * 1024))));

        StepOutcome outcome = allowingTheService().run(new HttpRequestSpec("GET", "{{target.url}}/big", Map.of(), null, null, null),
                variables(target(serviceUrl()), Map.of()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.detail()).contains("the response body is larger than 65536 bytes (sentinel.executor.http.max-response-bytes)");
        assertThat(outcome.responseBody()).isNull();
        assertThat(outcome.retryable()).as("the same answer will be as large").isFalse();
    }

    @Test
    void stopsReadingABodyThatNeverEnds() throws Exception {
        try (RawHttpServer peer = new RawHttpServer(RawHttpServer.Responder.endlessBody())) {
            HttpStepClient client = client(List.of("127.0.0.1:" + peer.port()), List.of("127.0.0.0/8"), HostResolver.SYSTEM);

            StepOutcome outcome = client.run(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of(), null, null, Duration.ofSeconds(30)),
                    variables(target("http://127.0.0.1:" + peer.port()), Map.of()));

            assertThat(outcome.detail()).contains("larger than 65536 bytes");
            assertThat(outcome.durationMillis()).as("not read until the deadline either").isLessThan(10_000);
        }
    }

    @Test
    void neverFollowsARedirect() {
        service.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(302).withHeader("Location", serviceUrl() + "/stolen")));

        StepOutcome outcome = allowingTheService().run(new HttpRequestSpec("GET", "{{target.url}}/moved", Map.of(), null, null, null),
                variables(target(serviceUrl()), Map.of()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.detail()).contains("-> 302").contains("(expected 2xx)");
        assertThat(outcome.retryable()).isFalse();
        service.verify(0, getRequestedFor(urlEqualTo("/stolen")));
    }

    @Test
    void masksTheSecretsItSentInWhatItReports() {
        service.stubFor(get(urlEqualTo("/tokens/t0k3n%3As3cr3t%40x")).willReturn(aResponse().withStatus(500).withBody("bad " + TOKEN)));

        StepOutcome outcome = allowingTheService().run(new HttpRequestSpec("GET", "{{target.url}}/tokens/{{secrets.api-token}}",
                Map.of("Authorization", "Bearer {{secrets.api-token}}"), null, null, null), variables(target(serviceUrl()), Map.of()));

        service.verify(1, getRequestedFor(urlEqualTo("/tokens/t0k3n%3As3cr3t%40x")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.detail()).matches("GET http://127\\.0\\.0\\.1:\\d+/tokens/\\*\\*\\* -> 500 in \\d+ ms \\(expected 2xx\\)");
        assertThat(outcome.detail()).doesNotContain("t0k3n").doesNotContain("s3cr3t");
        assertThat(outcome.retryable()).isTrue();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(400, false), Arguments.of(401, false), Arguments.of(403, false), Arguments.of(404, false),
                Arguments.of(409, false), Arguments.of(422, false), Arguments.of(408, true), Arguments.of(429, true),
                Arguments.of(500, true), Arguments.of(502, true), Arguments.of(503, true), Arguments.of(504, true),
                Arguments.of(204, false), Arguments.of(301, false));
    }

    @ParameterizedTest(name = "{0} answered to a step expecting 200: retryable {1}")
    @MethodSource("answers")
    void classifiesAnUnexpectedAnswerAsRetryableOnlyWhenTheSameRequestMayPassLater(int status, boolean retryable) {
        service.stubFor(get(urlEqualTo("/answer")).willReturn(aResponse().withStatus(status)));

        StepOutcome outcome = allowingTheService().run(new HttpRequestSpec("GET", "{{target.url}}/answer", Map.of(), null, List.of(200),
                null), variables(target(serviceUrl()), Map.of()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isEqualTo(retryable);
        assertThat(outcome.detail()).contains("-> " + status);
    }

    @Test
    void aRefusedConnectionIsRetryableAndASuccessNeverIs() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpStepClient client = client(List.of("127.0.0.1:" + closedPort, "127.0.0.1:" + service.port()), List.of("127.0.0.0/8"),
                HostResolver.SYSTEM);
        service.stubFor(get(urlEqualTo("/fine")).willReturn(aResponse().withStatus(200)));

        StepOutcome refused = client.run(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of(), null, null, null),
                variables(target("http://127.0.0.1:" + closedPort), Map.of()));
        StepOutcome fine = client.run(new HttpRequestSpec("GET", "{{target.url}}/fine", Map.of(), null, null, null),
                variables(target(serviceUrl()), Map.of()));

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.retryable()).as("the peer may be back").isTrue();
        assertThat(fine.succeeded()).isTrue();
        assertThat(fine.retryable()).isFalse();
    }

    private static String serviceUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    private HttpStepClient allowingTheService() {
        return client(List.of("127.0.0.1:" + service.port()), List.of("127.0.0.0/8"), HostResolver.SYSTEM);
    }

    private HttpStepClient client(List<String> hosts, List<String> networks, HostResolver resolver) {
        return new HttpStepClient(new HttpStepProperties(hosts, networks, Duration.ofSeconds(2), DataSize.ofKilobytes(64)), resolver,
                transport, new SecretStore(null, Map.of("SENTINEL_SECRET_API_TOKEN", TOKEN)));
    }

    private static TargetRef target(String url) {
        return new TargetRef("shop", "staging", List.of(url), null);
    }

    private static TemplateVariables variables(TargetRef target, Map<String, String> params) {
        return new TemplateVariables(Map.of(), params, "inc-1", "shop", null, target,
                name -> new SecretStore(null, Map.of("SENTINEL_SECRET_API_TOKEN", TOKEN)).find(name));
    }
}
