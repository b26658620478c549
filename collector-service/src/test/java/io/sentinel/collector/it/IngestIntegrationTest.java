package io.sentinel.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.events.Topic;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.testkit.ReceivedRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ingest endpoints over real HTTP on the shared running collector: what they accept reaches the
 * signals topic, what they refuse is named precisely and reaches nothing.
 */
class IngestIntegrationTest extends CollectorContext {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Names unique to this run, so events of earlier runs on the same broker cannot pass a test. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void logLinesAreAcceptedOnceKafkaHasThemAndArriveAsOneBatchPerService() throws Exception {
        Instant before = Instant.now();
        String body = """
                {"service":"checkout-%1$s","level":"error","message":"payment failed","stackTrace":"IllegalStateException: declined","timestamp":"2026-11-23T14:05:35.86Z","attributes":{"orderId":"A-17"}}
                {"service":"search-%1$s","level":"warning","message":"slow query"}
                {"service":"checkout-%1$s","level":"critical","message":"out of connections"}
                """.formatted(run);

        HttpResponse<String> response = send(post("/api/logs", "application/x-ndjson", body).header("Authorization", "Bearer " + ENV_TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(response.body());
        assertThat(accepted.path("items").asInt()).isEqualTo(3);
        assertThat(accepted.path("events").asInt()).isEqualTo(2);
        LogBatch checkout = probe.await(LogBatch.class, batch -> batch.resource().equals("checkout-" + run), WAIT);
        assertThat(checkout.source()).isEqualTo("ingest");
        assertThat(checkout.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(checkout.entries()).containsExactly(
                new LogEntry("ERROR", "payment failed", "IllegalStateException: declined", Instant.parse("2026-11-23T14:05:35.860Z"),
                        Map.of("orderId", "A-17")),
                new LogEntry("FATAL", "out of connections", null, checkout.receivedAt(), Map.of()));
        assertThat(probe.await(LogBatch.class, batch -> batch.resource().equals("search-" + run), WAIT).entries())
                .extracting(LogEntry::level).containsExactly("WARN");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyRepublishesTheSameEventIdsSoConsumersDropIt() throws Exception {
        String service = "retried-" + run;
        String body = "{\"service\":\"" + service + "\",\"level\":\"error\",\"message\":\"disk full\"}\n";
        String key = UUID.randomUUID().toString();

        for (String sentKey : List.of(key, key, "another-" + key)) {
            assertThat(send(post("/api/logs", "application/x-ndjson", body).header("Authorization", "Bearer " + CI_TOKEN)
                    .header("Idempotency-Key", sentKey)).statusCode()).isEqualTo(202);
        }

        List<ReceivedRecord> published = probe.awaitRecords(Topic.SIGNALS.topicName(), 3,
                record -> record.event() instanceof LogBatch batch && batch.resource().equals(service), WAIT);
        List<String> ids = published.stream().map(record -> record.envelope().id()).toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1));
        assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
        // The same key from another client is another request.
        assertThat(send(post("/api/logs", "application/x-ndjson", body).header("Authorization", "Bearer " + ENV_TOKEN)
                .header("Idempotency-Key", key)).statusCode()).isEqualTo(202);
        List<String> afterOtherClient = probe.awaitRecords(Topic.SIGNALS.topicName(), 4,
                record -> record.event() instanceof LogBatch batch && batch.resource().equals(service), WAIT)
                .stream().map(record -> record.envelope().id()).toList();
        assertThat(afterOtherClient.get(3)).isNotIn(ids);
    }

    @Test
    void anUnusableIdempotencyKeyIsRefusedByName() throws Exception {
        HttpResponse<String> refused = send(post("/api/heartbeats/backup-" + run, "application/json", "")
                .header("Authorization", "Bearer " + CI_TOKEN).header("Idempotency-Key", "x".repeat(201)));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(problem.path("detail").asString()).isEqualTo("header 'Idempotency-Key' must be 1 to 200 visible ASCII characters (e.g. a UUID)");
    }

    @Test
    void aJsonArrayIsAcceptedWithTheTokenInItsOwnHeader() throws Exception {
        String body = "[{\"service\":\"cart-" + run + "\",\"level\":\"INFO\",\"message\":\"started\"}]";

        HttpResponse<String> response = send(post("/api/logs", "application/json", body).header("X-Sentinel-Ingest-Token", CI_TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(probe.await(LogBatch.class, batch -> batch.resource().equals("cart-" + run), WAIT).entries())
                .extracting(LogEntry::message).containsExactly("started");
    }

    @Test
    void aBadLineIsRefusedNamingItsLineAndFieldAndNothingOfTheRequestIsPublished() throws Exception {
        String service = "rejected-" + run;
        String body = "{\"service\":\"" + service + "\",\"level\":\"info\",\"message\":\"valid but refused with its request\"}\n"
                + "{\"service\":\"" + service + "\",\"level\":\"LOUD\",\"message\":\"bad level\"}\n";

        HttpResponse<String> refused = send(post("/api/logs", "application/x-ndjson", body).header("Authorization", "Bearer " + CI_TOKEN));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/logs");
        assertThat(problem.path("detail").asString())
                .isEqualTo("line 2: field 'level' must be one of TRACE, DEBUG, INFO, WARN (or WARNING), ERROR, FATAL (or CRITICAL), was 'LOUD'");
        assertThat(problem.path("line").asInt()).isEqualTo(2);
        assertThat(problem.path("field").asString()).isEqualTo("level");

        assertNothingPublishedBeforeTheNextEventOf(service, "valid but refused with its request");
    }

    @Test
    void aBodyOverTheLimitOrWithTooManyItemsIsTooLargeAndNotPublished() throws Exception {
        String service = "oversize-" + run;
        String line = "{\"service\":\"" + service + "\",\"level\":\"info\",\"message\":\"" + "x".repeat(1000) + "\"}";
        String tooManyBytes = IntStream.range(0, 70).mapToObj(i -> line).collect(Collectors.joining("\n"));
        String tooManyItems = IntStream.range(0, 51).mapToObj(i -> "{\"service\":\"" + service + "\",\"level\":\"info\",\"message\":\"m\"}")
                .collect(Collectors.joining("\n"));

        HttpResponse<String> bytes = send(post("/api/logs", "application/x-ndjson", tooManyBytes).header("Authorization", "Bearer " + CI_TOKEN));
        HttpResponse<String> items = send(post("/api/logs", "application/x-ndjson", tooManyItems).header("Authorization", "Bearer " + CI_TOKEN));

        assertThat(bytes.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(bytes.body()).path("detail").asString()).isEqualTo("request body of " + tooManyBytes.length()
                + " bytes is larger than 65536 bytes (sentinel.collector.ingest.max-body-bytes): split it");
        HttpResponse<String> chunked = send(request("/api/logs").header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + CI_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooManyBytes.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).as("no declared length: read up to the limit, and no further").isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).path("detail").asString())
                .isEqualTo("request body of more than 65536 bytes is larger than 65536 bytes (sentinel.collector.ingest.max-body-bytes): split it");
        assertThat(items.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(items.body()).path("detail").asString())
                .isEqualTo("more than 50 log entries in one request (sentinel.collector.ingest.max-items); split it");
        assertNothingPublishedBeforeTheNextEventOf(service, "x".repeat(1000));
        assertThat(probe.events(LogBatch.class)).filteredOn(batch -> batch.resource().equals(service)).singleElement()
                .satisfies(batch -> assertThat(batch.entries()).extracting(LogEntry::message).containsExactly("after"));
    }

    @Test
    void withoutAKnownTokenIngestIsUnauthorizedWhileHealthAndMetricsAnswerOnlyOnTheManagementPort() throws Exception {
        String body = "{\"service\":\"intruder-" + run + "\",\"level\":\"info\",\"message\":\"m\"}";

        HttpResponse<String> none = send(post("/api/logs", "application/x-ndjson", body));
        HttpResponse<String> wrong = send(post("/api/logs", "application/x-ndjson", body).header("Authorization", "Bearer " + CI_TOKEN_SHA256));
        HttpResponse<String> alertmanager = send(post("/api/alertmanager", "application/json", "{}"));

        for (HttpResponse<String> refused : List.of(none, wrong, alertmanager)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"sentinel-ingest\"");
            assertThat(JSON.readTree(refused.body()).path("detail").asString())
                    .isEqualTo("missing or unknown ingest token; send Authorization: Bearer <token> (or X-Sentinel-Ingest-Token)");
        }
        assertThat(send(managementRequest("/actuator/health")).statusCode()).isEqualTo(200);
        assertThat(send(managementRequest("/actuator/prometheus")).statusCode()).isEqualTo(200);
        assertThat(managementPort).as("health and metrics have a port of their own").isNotEqualTo(port);
        for (String actuator : List.of("/actuator/health", "/actuator/prometheus", "/actuator/info", "/actuator")) {
            assertThat(send(request(actuator)).statusCode()).as("GET %s on the public port", actuator).isEqualTo(404);
        }
        assertThat(probe.events(LogBatch.class)).noneMatch(batch -> batch.resource().equals("intruder-" + run));
    }

    @Test
    void aTokenFloodingIngestIsRefusedWith429AndPublishesNothingWhileAnotherTokenIsServedAsUsual() throws Exception {
        String service = "flooded-" + run;
        String body = "{\"service\":\"" + service + "\",\"level\":\"error\",\"message\":\"flood %d\"}";

        List<HttpResponse<String>> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flood.add(send(post("/api/logs", "application/x-ndjson", body.formatted(i)).header("Authorization", "Bearer " + FLOOD_TOKEN)));
        }
        long started = System.nanoTime();
        HttpResponse<String> other = send(post("/api/logs", "application/x-ndjson", body.formatted(-1)).header("Authorization", "Bearer " + CI_TOKEN));
        Duration otherTook = Duration.ofNanos(System.nanoTime() - started);

        assertThat(flood).extracting(HttpResponse::statusCode).as("the burst, then refusals")
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> i < FLOOD_BURST ? 202 : 429).toList());
        HttpResponse<String> refused = flood.getLast();
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
        assertThat(JSON.readTree(refused.body()).path("detail").asString()).startsWith("too many ingest requests for token 'flood' "
                + "(at most 0.1 requests/s, bursts of 3");
        assertThat(other.statusCode()).as("another token is not slowed by the flood").isEqualTo(202);
        assertThat(otherTook).isLessThan(Duration.ofSeconds(5));

        List<String> published = probe.awaitRecords(Topic.SIGNALS.topicName(), FLOOD_BURST + 1,
                        record -> record.event() instanceof LogBatch batch && batch.resource().equals(service), WAIT).stream()
                .flatMap(record -> ((LogBatch) record.event()).entries().stream()).map(LogEntry::message).toList();
        assertThat(published).as("the other token's entry came after the flood: anything refused would have arrived before it")
                .containsExactlyInAnyOrder("flood 0", "flood 1", "flood 2", "flood -1");
    }

    @Test
    void aBodyInAnotherFormatIsUnsupported() throws Exception {
        HttpResponse<String> response = send(post("/api/logs", "text/plain", "ERROR payment failed").header("Authorization", "Bearer " + CI_TOKEN));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).path("detail").asString()).isEqualTo("send Content-Type: application/x-ndjson (one JSON object "
                + "per line) or application/json (an array of objects), was 'text/plain'");
    }

    @Test
    void aHeartbeatArrivesWithItsScheduleAndLabels() throws Exception {
        String name = "nightly-backup." + run;

        HttpResponse<String> response = send(post("/api/heartbeats/" + name + "?every=24h&grace=PT15M", "application/json",
                "{\"job\":\"backup\",\"host\":\"db-1\"}").header("Authorization", "Bearer " + CI_TOKEN));
        HttpResponse<String> badName = send(post("/api/heartbeats/Nightly_Backup", "application/json", "")
                .header("Authorization", "Bearer " + CI_TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        HeartbeatReceived heartbeat = probe.await(HeartbeatReceived.class, received -> received.resource().equals(name), WAIT);
        assertThat(heartbeat.every()).isEqualTo(Duration.ofHours(24));
        assertThat(heartbeat.grace()).isEqualTo(Duration.ofMinutes(15));
        assertThat(heartbeat.labels()).isEqualTo(Map.of("job", "backup", "host", "db-1"));
        assertThat(badName.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(badName.body());
        assertThat(problem.path("field").asString()).isEqualTo("name");
        assertThat(problem.path("detail").asString()).startsWith("path segment 'name' must be 1 to 128 lowercase letters");
    }

    @Test
    void anLlmTraceArrivesAsABatchOfItsApplication() throws Exception {
        String application = "support-bot-" + run;
        String trace = """
                {"application":"%s","environment":"staging","id":"trace-1","name":"answer","timestamp":"2026-11-23T14:05:30Z",
                 "observations":[{"id":"obs-1","type":"GENERATION","name":"draft","startTime":"2026-11-23T14:05:30.1Z","model":"gpt-4o",
                                  "usage":{"input":812,"output":96},"calculatedTotalCost":0.0031,"output":{"content":"Refund issued"}},
                                 {"id":"obs-2","type":"AGENT","name":"planner","startTime":"2026-11-23T14:05:30Z","level":"ERROR"}],
                 "scores":[{"name":"helpfulness","value":0.8,"observationId":"obs-1"}]}
                """.formatted(application);

        HttpResponse<String> response = send(post("/api/llm/traces", "application/json", trace).header("Authorization", "Bearer " + CI_TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        LlmTraceBatch batch = probe.await(LlmTraceBatch.class, received -> received.resource().equals(application), WAIT);
        assertThat(batch.labels()).isEqualTo(Map.of("environment", "staging"));
        assertThat(batch.traces()).singleElement().satisfies(received -> {
            assertThat(received.traceId()).isEqualTo("trace-1");
            assertThat(received.observations()).extracting(observation -> observation.type())
                    .containsExactly(LlmObservationType.GENERATION, LlmObservationType.SPAN);
            assertThat(received.generations().getFirst().inputTokens()).isEqualTo(812L);
            assertThat(received.generations().getFirst().output()).isEqualTo("{\"content\":\"Refund issued\"}");
            assertThat(received.costUsd()).isEqualTo(0.0031);
            assertThat(received.scores()).singleElement().satisfies(score -> assertThat(score.value()).isEqualTo(0.8));
        });
    }

    @Test
    void alertmanagersWebhookIsAnsweredOnlyOnceItsAlertsAreOnTheTopic() throws Exception {
        Instant before = Instant.now();
        String payload = PrometheusFixtures.read(PrometheusFixtures.ALERTMANAGER_FIRING)
                .replace("cdd08c7788026298", "fp-" + run).replace("\"severity\": \"critical\"", "\"severity\": \"critical\", \"service\": \"billing\"");

        HttpResponse<String> response = send(post("/api/alertmanager", "application/json", payload).header("Authorization", "Bearer " + CI_TOKEN));
        HttpResponse<String> oldVersion = send(post("/api/alertmanager", "application/json", payload.replace("\"version\": \"4\"", "\"version\": \"3\""))
                .header("Authorization", "Bearer " + CI_TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        ExternalAlert alert = probe.await(ExternalAlert.class, received -> received.fingerprint().equals("fp-" + run), WAIT);
        assertThat(alert.source()).isEqualTo("alertmanager");
        assertThat(alert.resource()).isEqualTo("billing");
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(oldVersion.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(oldVersion.body()).path("field").asString()).isEqualTo("version");
        assertThat(JSON.readTree(oldVersion.body()).path("detail").asString())
                .isEqualTo("field 'version' must be \"4\" (Alertmanager's webhook payload version), was \"3\"");
    }

    /**
     * Publishes one more entry for the service and waits for it: a service's events share a
     * partition, so anything a refused request had published would have arrived first.
     */
    private void assertNothingPublishedBeforeTheNextEventOf(String service, String refusedMessage) throws IOException, InterruptedException {
        HttpResponse<String> after = send(post("/api/logs", "application/x-ndjson",
                "{\"service\":\"" + service + "\",\"level\":\"info\",\"message\":\"after\"}").header("Authorization", "Bearer " + CI_TOKEN));
        assertThat(after.statusCode()).isEqualTo(202);
        probe.await(LogBatch.class, batch -> batch.resource().equals(service), WAIT);
        List<SignalEvent> ofService = probe.events(LogBatch.class).stream().filter(batch -> batch.resource().equals(service))
                .map(SignalEvent.class::cast).toList();
        assertThat(ofService).singleElement().satisfies(event -> assertThat(((LogBatch) event).entries())
                .extracting(LogEntry::message).doesNotContain(refusedMessage).containsExactly("after"));
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
