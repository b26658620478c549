package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.gateway.GatewayApplication;
import io.sentinel.gateway.slack.SlackSignature;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway alone, on a real broker and database, driven through its HTTP API. Every integration
 * test class of the gateway extends this, so that they all have the one Spring test configuration
 * declared here and share one running gateway.
 */
@SpringBootTest(classes = GatewayApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"sentinel.gateway.auth.bootstrap-admin-key=" + GatewayApiTest.ADMIN_KEY,
                "sentinel.gateway.slack.signing-secret=" + GatewayApiTest.SLACK_SIGNING_SECRET,
                "sentinel.gateway.ask.timeout=" + GatewayApiTest.ASK_TIMEOUT_SECONDS + "s",
                "sentinel.gateway.ask.max-open=" + GatewayApiTest.ASK_MAX_OPEN})
abstract class GatewayApiTest extends ServiceIntegrationTest {

    /** Shaped exactly like a generated key, as the gateway requires of the bootstrap key too. */
    static final String ADMIN_KEY = "snl_IntegrationTestBootstrapAdminKey00000001";
    static final String SLACK_SIGNING_SECRET = "it-slack-signing-secret-0123456789";
    static final int ASK_TIMEOUT_SECONDS = 3;
    static final int ASK_MAX_OPEN = 3;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ProposedAction RELEASE_MEMORY = new ProposedAction("release-memory", Map.of("reason", "memory-usage-high"));
    static final Map<String, String> LABELS = Map.of("environment", "production", "service", "shop");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Clients calling from other loopback addresses, to play other machines: failed keys are counted per address. */
    private static final Map<String, HttpClient> CLIENTS_FROM = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final AtomicInteger CLIENT_ADDRESSES = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    /** Single sign-on against the stand-in realm; Slack's answers go to the stand-in's origin only. */
    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("sentinel.gateway.oidc.issuer-uri", StandIns::issuer);
        registry.add("sentinel.gateway.slack.response-url-origins", StandIns::origin);
    }

    static final SlackSignature SLACK = new SlackSignature(SLACK_SIGNING_SECRET);

    static String viewerKey;
    static String operatorKey;

    @Value("${local.server.port}")
    int port;

    /** Actuator (health, info, metrics) on a port of its own, in a child context of the gateway's. */
    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    Jdbi jdbi;

    /** A viewer and an operator key, created through the API by the bootstrap admin key, once for the whole run. */
    @BeforeEach
    void createKeysThroughTheApi() {
        if (viewerKey == null) {
            viewerKey = createKey("it-viewer", "VIEWER").path("key").asString();
            operatorKey = createKey("it-operator", "OPERATOR").path("key").asString();
        }
    }

    record Response(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String detail() {
            return json().path("detail").asString();
        }
    }

    JsonNode createKey(String name, String role) {
        Response created = call("POST", "/api/keys", ADMIN_KEY, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** actor|role|action of each audit entry about the target, oldest first. */
    List<String> auditEntries(String target) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select actor || '|' || coalesce(actor_role, '') || '|' || action from audit_log where target = :target order by at""")
                .bind("target", target).mapTo(String.class).list());
    }

    Response get(String path, String key) {
        return call("GET", path, key, null);
    }

    Response post(String path, String key, String body) {
        return call("POST", path, key, body);
    }

    Response call(String method, String path, String key, String body) {
        var request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return exchange(request.build());
    }

    static Response exchange(HttpRequest request) {
        return exchange(HTTP, request);
    }

    /** The request sent from another loopback address, e.g. 127.0.0.2: to the gateway, another client machine. */
    static Response exchangeFrom(String localAddress, HttpRequest request) {
        HttpClient client = CLIENTS_FROM.computeIfAbsent(localAddress, address -> {
            try {
                return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        });
        return exchange(client, request);
    }

    private static Response exchange(HttpClient client, HttpRequest request) {
        try {
            return new Response(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    static HttpRequest.Builder request(URI uri, String key) {
        var request = HttpRequest.newBuilder(uri);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    EventEnvelope<ApprovalRequested> awaitPendingApproval(String incident, String approval, Role role, Instant expiresAt) {
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now();
        send(opened(incident, t), t, trace, "detector");
        EventEnvelope<ApprovalRequested> request = send(requested(incident, approval, role, expiresAt), t.plusMillis(10), trace, "policy");
        awaitIncident(incident, i -> i.path("approvals").size() == 1);
        return request;
    }

    static IncidentOpened opened(String incident, Instant at) {
        return new IncidentOpened(incident, unique("signal"), "memory-usage-high|shop", "memory-usage-high", "Memory usage above 60% on shop",
                Severity.WARNING, "shop", LABELS, new Observation("memory_usage_ratio", 0.734, 0.6, null, at), at, null);
    }

    /** What the policy service asks by default: one approver, with the role the risk needs (MEDIUM: OPERATOR, HIGH: ADMIN). */
    static ApprovalRequested requested(String incident, String approval, Risk risk, Instant expiresAt) {
        Role role = risk == Risk.HIGH ? Role.ADMIN : Role.OPERATOR;
        return new ApprovalRequested(incident, "c", approval, RELEASE_MEMORY, risk, role, expiresAt, "approve-" + risk.name().toLowerCase(),
                "Memory grows without bound", "shop", "production", null);
    }

    EventEnvelope<ApprovalRequested> awaitPendingApproval(String incident, String approval, Risk risk) {
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now();
        send(opened(incident, t), t, trace, "detector");
        EventEnvelope<ApprovalRequested> request = send(requested(incident, approval, risk, t.plusSeconds(3600)), t.plusMillis(10), trace,
                "policy");
        awaitIncident(incident, i -> i.path("approvals").size() == 1);
        return request;
    }

    /** Who voted on the approval, in the order the votes were cast, as the gateway recorded them. */
    List<String> votesOn(String approval) {
        return jdbi.withHandle(h -> h.createQuery("select voter from approval_vote where approval_id = :id order by cast_at, voter")
                .bind("id", approval).mapTo(String.class).list());
    }

    // --- Slack ---

    /** The form body Slack posts when someone presses a button of an approval message. */
    static String buttonPress(String slackUser, String actionId, String approvalId, String responseUrl) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", slackUser, "username", "u-" + slackUser.toLowerCase(), "team_id", "T0TEAM"));
        payload.put("team", Map.of("id", "T0TEAM", "domain", "example"));
        payload.put("response_url", responseUrl);
        payload.put("message", Map.of("type", "message", "text", "Approve release-memory on shop?", "blocks", List.of(Map.of(
                "type", "actions", "block_id", "approval", "elements", List.of(
                        Map.of("type", "button", "action_id", "approve", "value", approvalId),
                        Map.of("type", "button", "action_id", "reject", "value", approvalId))))));
        payload.put("actions", List.of(Map.of("action_id", actionId, "block_id", "approval", "value", approvalId, "type", "button",
                "action_ts", "1548426417.840180")));
        return "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
    }

    /** Posts as Slack does: signed with the app's signing secret, timestamped now. */
    Response slack(String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return slack(body, timestamp, SLACK.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sent from another loopback address: refused Slack requests count against their address like
     * refused keys do, and the hostile ones here must not block the other tests' client (127.0.0.1).
     */
    Response slack(String body, String timestamp, String signature) {
        var request = HttpRequest.newBuilder(uri("/api/slack/interactions"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (timestamp != null) {
            request.header(SlackSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(SlackSignature.SIGNATURE_HEADER, signature);
        }
        return exchangeFrom(otherClientAddress(), request.build());
    }

    Response pressInSlack(String slackUser, String actionId, String approvalId, String responseUrl) {
        return slack(buttonPress(slackUser, actionId, approvalId, responseUrl));
    }

    /** Maps a Slack user to a person through the API, as an admin does. */
    void mapSlackUser(String slackUser, String name, String role) {
        Response mapped = post("/api/identities", ADMIN_KEY,
                "{\"provider\":\"slack\",\"subject\":\"" + slackUser + "\",\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(mapped.status()).as(mapped.body()).isIn(200, 201);
    }

    /** A Slack user id no other test uses: U and upper-case letters and digits. */
    static String slackUser() {
        return ("U" + RUN + IDS.incrementAndGet()).toUpperCase();
    }

    static ApprovalRequested requested(String incident, String approval, Role role, Instant expiresAt) {
        return new ApprovalRequested(incident, "c", approval, RELEASE_MEMORY, Risk.MEDIUM, role, expiresAt, "approve-medium",
                "Memory grows without bound", "shop", "production", null);
    }

    static <E extends SentinelEvent> EventEnvelope<E> send(E event, Instant at, TraceParent trace, String source) {
        return sender.send(new EventEnvelope<>(EventIds.random(), source, at, trace.child(), event));
    }


    JsonNode awaitIncident(String incident, Predicate<JsonNode> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = get("/api/incidents/" + incident, viewerKey);
            return response.status() == 200 ? response.json() : null;
        }, json -> json != null && condition.test(json));
    }

    static List<String> summaries(JsonNode incident) {
        return incident.path("timeline").valueStream().map(e -> e.path("summary").asString()).toList();
    }

    /**
     * One of 32 loopback addresses other than 127.0.0.1, in turn (127.0.3.1 ... 127.0.3.32): requests
     * refused on purpose are spread over them, so that none reaches the failure limit.
     */
    static String otherClientAddress() {
        return "127.0.3." + (1 + CLIENT_ADDRESSES.getAndIncrement() % 32);
    }

    /** Unique within the run and across runs on one database: lowercase letters, digits and dashes. */
    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + IDS.incrementAndGet();
    }
}
