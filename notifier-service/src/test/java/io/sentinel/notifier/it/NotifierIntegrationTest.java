package io.sentinel.notifier.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.notifier.NotifierApplication;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifier alone, on a real broker and database, delivering to a WireMock receiver that stands
 * for four webhooks: "ops" (every kind), "resolutions" (incident-resolved only), "flaky"
 * (incident-escalated only, failing at first) and "strict" (approval-requested only, refusing every
 * request with a 400).
 */
@SpringBootTest(classes = NotifierApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = {
        "sentinel.notifier.dispatch-interval=200ms",
        "sentinel.notifier.request-timeout=5s"})
class NotifierIntegrationTest extends ServiceIntegrationTest {

    private static final String OPS_SECRET = "ops-secret-4f9c2a7e1b";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");
    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());

    @Autowired
    Jdbi jdbi;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        if (!RECEIVER.isRunning()) {
            RECEIVER.start();
        }
        // All of a list's elements come from one property source, so the whole list is defined here.
        registry.add("sentinel.notifier.webhooks[0].name", () -> "ops");
        registry.add("sentinel.notifier.webhooks[0].url", () -> RECEIVER.baseUrl() + "/hooks/ops");
        registry.add("sentinel.notifier.webhooks[0].secret", () -> OPS_SECRET);
        registry.add("sentinel.notifier.webhooks[1].name", () -> "resolutions");
        registry.add("sentinel.notifier.webhooks[1].url", () -> RECEIVER.baseUrl() + "/hooks/resolutions");
        registry.add("sentinel.notifier.webhooks[1].secret", () -> "resolutions-secret-0123456789");
        registry.add("sentinel.notifier.webhooks[1].events", () -> "incident-resolved");
        registry.add("sentinel.notifier.webhooks[2].name", () -> "flaky");
        registry.add("sentinel.notifier.webhooks[2].url", () -> RECEIVER.baseUrl() + "/hooks/flaky");
        registry.add("sentinel.notifier.webhooks[2].secret", () -> "flaky-secret-0123456789");
        registry.add("sentinel.notifier.webhooks[2].events", () -> "incident-escalated");
        registry.add("sentinel.notifier.webhooks[3].name", () -> "strict");
        registry.add("sentinel.notifier.webhooks[3].url", () -> RECEIVER.baseUrl() + "/hooks/strict");
        registry.add("sentinel.notifier.webhooks[3].secret", () -> "strict-secret-0123456789");
        registry.add("sentinel.notifier.webhooks[3].events", () -> "approval-requested");
    }

    @BeforeAll
    static void connect() {
        RECEIVER.stubFor(post(urlPathMatching("/hooks/.*")).atPriority(10).willReturn(aResponse().withStatus(204)));
        RECEIVER.stubFor(post(urlEqualTo("/hooks/strict")).atPriority(5).willReturn(aResponse().withStatus(400)));
    }

    @AfterAll
    static void disconnect() {
        RECEIVER.stop();
    }

    @Test
    void postsASignedNotificationWhenAnIncidentOpens() throws Exception {
        String incident = newIncident();
        EventEnvelope<IncidentOpened> opened = sender.send(opened(incident));

        LoggedRequest request = awaitRequests("/hooks/ops", incident, 1).getFirst();

        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("X-Sentinel-Event")).isEqualTo("incident.opened");
        assertThat(request.getHeader("X-Sentinel-Delivery")).isEqualTo(EventIds.derive(opened.id(), "ops"));
        Matcher signature = SIGNATURE.matcher(request.getHeader("X-Sentinel-Signature"));
        assertThat(signature.matches()).as("signature header %s", request.getHeader("X-Sentinel-Signature")).isTrue();
        long sentAt = Long.parseLong(signature.group(1));
        assertThat(Math.abs(Instant.now().getEpochSecond() - sentAt)).as("within the 5-minute replay window").isLessThan(300);
        assertThat(signature.group(2)).as("HMAC-SHA256(secret, t + '.' + raw body)").isEqualTo(hmac(OPS_SECRET, sentAt, request.getBody()));
        JsonNode payload = json(request);
        assertThat(payload.path("kind").asString()).isEqualTo("incident.opened");
        assertThat(payload.path("incidentId").asString()).isEqualTo(incident);
        assertThat(payload.path("title").asString()).isEqualTo("Memory usage above 60% on checkout");
        assertThat(payload.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(payload.path("resource").asString()).isEqualTo("checkout");
        assertThat(payload.path("environment").asString()).isEqualTo("production");
        assertThat(Instant.parse(payload.path("occurredAt").asString())).isEqualTo(opened.event().openedAt());
    }

    @Test
    void anApprovalRequestNamesThePlaybookAndTheIncidentTitle() {
        String incident = newIncident();
        sender.send(opened(incident));
        // Decisions and incidents are separate topics: let the opening be recorded first.
        awaitRequests("/hooks/ops", incident, 1);

        sender.send(approvalRequested(incident));

        LoggedRequest request = awaitRequests("/hooks/ops", incident, "approval.requested", 1).getFirst();
        assertThat(request.getHeader("X-Sentinel-Event")).isEqualTo("approval.requested");
        JsonNode payload = json(request);
        assertThat(payload.path("playbook").asString()).isEqualTo("restart-pods");
        assertThat(payload.path("title").asString()).as("from the incident's opening").isEqualTo("Memory usage above 60% on checkout");
        assertThat(payload.path("approvalId").asString()).isEqualTo("approval-" + incident);
        assertThat(payload.path("risk").asString()).isEqualTo("HIGH");
        assertThat(payload.path("requiredRole").asString()).isEqualTo("ADMIN");
        assertThat(payload.path("expiresAt").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(payload.path("rationale").asString()).isEqualTo("memory leak in the cart cache");
    }

    @Test
    void retriesAFailingWebhookWithBackOffUntilItAccepts() {
        String incident = newIncident();
        RECEIVER.stubFor(post(urlEqualTo("/hooks/flaky")).atPriority(1).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        RECEIVER.stubFor(post(urlEqualTo("/hooks/flaky")).atPriority(1).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
        RECEIVER.stubFor(post(urlEqualTo("/hooks/flaky")).atPriority(1).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)).willSetStateTo("recovered"));

        EventEnvelope<IncidentEscalated> escalated = sender.send(new IncidentEscalated(incident, "exec-" + incident,
                "remediation did not fix the incident and was rolled back", Instant.now()));

        List<LoggedRequest> attempts = awaitRequests("/hooks/flaky", incident, 3);
        String deliveryId = EventIds.derive(escalated.id(), "flaky");
        await().atMost(WAIT).until(() -> "DELIVERED".equals(delivery(deliveryId).get("status")));
        assertThat(delivery(deliveryId)).containsEntry("attempts", 3).containsEntry("last_error", null);
        assertThat(attempts).extracting(r -> r.getHeader("X-Sentinel-Delivery")).containsOnly(deliveryId);
        assertThat(gapMillis(attempts.get(0), attempts.get(1))).as("1s back-off after the first failure").isGreaterThanOrEqualTo(900);
        assertThat(gapMillis(attempts.get(1), attempts.get(2))).as("2s back-off after the second").isGreaterThanOrEqualTo(1900);
        // DELIVERED is final: no dispatcher claims the delivery again, so what was sent until then is all there is.
        assertThat(requests("/hooks/flaky", incident)).as("nothing after it was accepted").hasSize(3);
        assertThat(meters.get("sentinel.notifier.deliveries").tag("channel", "flaky").tag("outcome", "retried").counter().count()).isEqualTo(2);
        assertThat(meters.get("sentinel.notifier.deliveries").tag("channel", "flaky").tag("outcome", "delivered").counter().count()).isEqualTo(1);
    }

    @Test
    void aReceiverThatRefusesTheRequestIsNotAskedAgain() {
        String incident = newIncident();

        EventEnvelope<ApprovalRequested> request = sender.send(approvalRequested(incident));

        String deliveryId = EventIds.derive(request.id(), "strict");
        await().atMost(WAIT).until(() -> "FAILED".equals(delivery(deliveryId).get("status")));
        // FAILED is final: no dispatcher claims the delivery again.
        assertThat(delivery(deliveryId)).containsEntry("attempts", 1).containsEntry("last_error", "HTTP 400");
        assertThat(requests("/hooks/strict", incident)).as("a 400 answers the same request the same way: asked once").hasSize(1);
        assertThat(meters.find("sentinel.notifier.deliveries").tag("channel", "strict").tag("outcome", "retried").counter())
                .as("never retried").isNull();
    }

    @Test
    void aRedeliveredEventIsNotifiedOnce() {
        String incident = newIncident();
        EventEnvelope<IncidentOpened> opened = new EventEnvelope<>(EventIds.random(), "detector", Instant.now(), TraceParent.root(),
                opened(incident));

        sender.send(opened);
        sender.send(opened);

        awaitRequests("/hooks/ops", incident, 1);
        // Events of one incident share a partition and each channel receives its deliveries in order: once a
        // later event's notification has arrived, a second one for the redelivered opening would have too.
        sender.send(new IncidentResolved(incident, "exec-" + incident, Resolution.CLEARED_BY_ITSELF, "condition cleared", Instant.now()));
        awaitRequests("/hooks/ops", incident, "incident.resolved", 1);
        assertThat(requests("/hooks/ops", incident)).extracting(r -> r.getHeader("X-Sentinel-Event"))
                .containsExactly("incident.opened", "incident.resolved");
    }

    @Test
    void eachWebhookReceivesOnlyTheKindsItSubscribedTo() {
        String incident = newIncident();

        sender.send(opened(incident));
        sender.send(new IncidentResolved(incident, "exec-" + incident, Resolution.REMEDIATED, "verified: condition cleared 4.1 s after the action",
                Instant.now()));

        assertThat(awaitRequests("/hooks/ops", incident, 2)).extracting(r -> r.getHeader("X-Sentinel-Event"))
                .containsExactlyInAnyOrder("incident.opened", "incident.resolved");
        LoggedRequest resolved = awaitRequests("/hooks/resolutions", incident, 1).getFirst();
        assertThat(resolved.getHeader("X-Sentinel-Event")).isEqualTo("incident.resolved");
        JsonNode payload = json(resolved);
        assertThat(payload.path("resolution").asString()).isEqualTo("REMEDIATED");
        assertThat(payload.path("summary").asString()).isEqualTo("verified: condition cleared 4.1 s after the action");
        assertThat(payload.path("title").asString()).isEqualTo("Memory usage above 60% on checkout");
        // A channel receives its deliveries in the order they were raised: an opening queued for it would have come first.
        assertThat(requests("/hooks/resolutions", incident)).as("no opening for the resolutions-only webhook").hasSize(1);
        sender.send(new IncidentEscalated(incident, "exec-" + incident, "marker", Instant.now()));
        awaitRequests("/hooks/flaky", incident, 1);
        assertThat(requests("/hooks/flaky", incident)).as("nothing but the escalation for the escalations-only webhook")
                .extracting(r -> r.getHeader("X-Sentinel-Event")).containsExactly("incident.escalated");
    }

    private static String newIncident() {
        return "inc-" + UUID.randomUUID();
    }

    private static IncidentOpened opened(String incidentId) {
        Instant now = Instant.parse("2026-11-23T14:05:35.860Z");
        return new IncidentOpened(incidentId, "signal-" + incidentId, "fp-" + incidentId, "memory-usage-high",
                "Memory usage above 60% on checkout", Severity.CRITICAL, "checkout", Map.of("environment", "production"),
                new Observation("memory_usage_ratio", 0.72, 0.60, null, now), now, null);
    }

    private static ApprovalRequested approvalRequested(String incident) {
        return new ApprovalRequested(incident, "analysis-" + incident, "approval-" + incident,
                new ProposedAction("restart-pods", Map.of("replicas", "3")), Risk.HIGH, Role.ADMIN, Instant.parse("2030-01-01T00:00:00Z"),
                "prod-high-risk", "memory leak in the cart cache", "checkout", "production", null);
    }

    private static List<LoggedRequest> requests(String path, String incidentId) {
        return RECEIVER.findAll(postRequestedFor(urlEqualTo(path)).withRequestBody(matchingJsonPath("$.incidentId", WireMock.equalTo(incidentId))));
    }

    private static List<LoggedRequest> awaitRequests(String path, String incidentId, int count) {
        await().atMost(WAIT).until(() -> requests(path, incidentId).size() >= count);
        return requests(path, incidentId);
    }

    private static List<LoggedRequest> awaitRequests(String path, String incidentId, String kind, int count) {
        await().atMost(WAIT).until(() -> requests(path, incidentId).stream().filter(r -> kind.equals(r.getHeader("X-Sentinel-Event"))).count() >= count);
        return requests(path, incidentId).stream().filter(r -> kind.equals(r.getHeader("X-Sentinel-Event"))).toList();
    }

    private Map<String, Object> delivery(String deliveryId) {
        return jdbi.withHandle(handle -> handle.createQuery("select status, attempts, last_error from delivery where delivery_id = :id")
                .bind("id", deliveryId).mapToMap().findOne().orElse(Map.of()));
    }

    private static JsonNode json(LoggedRequest request) {
        return JsonMapper.shared().readTree(request.getBodyAsString());
    }

    /** The receiver's side of the signature scheme, written from the documentation rather than the notifier's code. */
    private static String hmac(String secret, long timestamp, byte[] rawBody) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(rawBody));
    }

    private static long gapMillis(LoggedRequest earlier, LoggedRequest later) {
        return later.getLoggedDate().getTime() - earlier.getLoggedDate().getTime();
    }

}
