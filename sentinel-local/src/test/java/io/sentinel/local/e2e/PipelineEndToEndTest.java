package io.sentinel.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.Topic;
import io.sentinel.local.demo.DemoServer;
import io.sentinel.local.demo.Fault;
import io.sentinel.local.stack.LocalStack;
import io.sentinel.local.stack.SentinelService;
import io.sentinel.testkit.EventSender;
import io.sentinel.testkit.ReceivedRecord;
import io.sentinel.testkit.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline, exactly as {@code ./sentinel run} starts it: a real KRaft broker, PostgreSQL,
 * seven services as separate Spring applications, demo services with real faults. Everything is
 * asserted from the outside: through the gateway's API, the demo services and the webhook inbox.
 */
@ExtendWith(EndToEndStack.Shared.class)
@Order(1)
class PipelineEndToEndTest {

    private static final Duration INCIDENT_TIMEOUT = EndToEndStack.INCIDENT_TIMEOUT;

    private static EndToEndStack e2e;
    private static LocalStack stack;
    private static GatewayClient gateway;
    private static String operatorKey;

    @BeforeAll
    static void useTheStack(EndToEndStack shared) {
        e2e = shared;
        stack = shared.stack();
        gateway = shared.gateway();
        operatorKey = shared.operatorKey();
    }

    @Test
    void aMemoryLeakInStagingIsFixedWithoutAHumanAndVerified() {
        DemoServer demo = stack.demo("shop-staging");
        demo.workload().inject(Fault.MEMORY_LEAK);

        JsonNode incident = awaitIncident("shop-staging", "RESOLVED");

        assertThat(incident.path("resolution").asString()).isEqualTo("REMEDIATED");
        assertThat(incident.path("analyst").asString()).isEqualTo("HEURISTIC");
        assertThat(incident.path("fallbackReason").asString()).contains("no LLM configured");
        assertThat(incident.path("playbookId").asString()).isEqualTo("release-memory");
        assertThat(incident.path("risk").asString()).isEqualTo("LOW");
        assertThat(types(incident)).containsSubsequence("IncidentOpened", "AnalysisCompleted", "ActionAuthorized", "ExecutionStarted",
                "StepCompleted", "VerificationStarted", "VerificationPassed", "IncidentResolved");
        assertThat(types(incident)).contains("ConditionCleared");
        assertThat(sources(incident)).containsAll(Set.of("detector", "analyzer", "policy", "executor"));
        assertThat(traceIds(incident)).as("one incident, one trace").hasSize(1);
        assertThat(entry(incident, "ActionAuthorized").path("detail").path("approval").asString()).isEqualTo("AUTO");

        assertThat(demo.workload().config().cacheMb()).as("the fix really ran").isZero();
        assertThat(demo.workload().faults()).doesNotContain(Fault.MEMORY_LEAK);
        awaitNotification("incident.opened", incident);
        awaitNotification("incident.resolved", incident);
    }

    @Test
    void aMemoryLeakInProductionWaitsForAnOperatorAndIsFixedOnceApproved() {
        DemoServer demo = stack.demo("shop-prod");
        demo.workload().inject(Fault.MEMORY_LEAK);

        JsonNode waiting = awaitIncident("shop-prod", "AWAITING_APPROVAL");
        assertThat(waiting.path("risk").asString()).isEqualTo("MEDIUM");
        String approvalId = waiting.path("approvals").get(0).path("approvalId").asString();
        assertThat(demo.workload().config().cacheMb()).as("nothing runs before approval").isEqualTo(16);
        awaitNotification("approval.requested", waiting);

        var vote = gateway.post("/api/approvals/" + approvalId, operatorKey, "{\"decision\":\"approve\",\"comment\":\"go\"}");
        assertThat(vote.status()).isEqualTo(202);

        JsonNode resolved = awaitIncident("shop-prod", "RESOLVED");
        assertThat(types(resolved)).containsSubsequence("ApprovalRequested", "ApprovalVoteCast", "ActionAuthorized", "ExecutionStarted",
                "VerificationPassed", "IncidentResolved");
        JsonNode authorized = entry(resolved, "ActionAuthorized").path("detail");
        assertThat(authorized.path("approval").asString()).isEqualTo("HUMAN");
        assertThat(authorized.path("approvedBy").asString()).isEqualTo("alice");
        assertThat(resolved.path("approvals").get(0).path("state").asString()).isEqualTo("APPROVED");
        assertThat(demo.workload().config().cacheMb()).isZero();
        assertThat(traceIds(resolved)).hasSize(1);
    }

    @Test
    void aFixThatDoesNotCureIsRolledBackAndEscalated() {
        DemoServer demo = stack.demo("shop-broken");
        demo.workload().inject(Fault.INCURABLE_MEMORY_LEAK);

        JsonNode escalated = awaitIncident("shop-broken", "ESCALATED");

        assertThat(types(escalated)).containsSubsequence("ExecutionStarted", "VerificationStarted", "VerificationFailed",
                "RollbackSucceeded", "IncidentEscalated");
        assertThat(types(escalated)).doesNotContain("VerificationPassed", "IncidentResolved");
        assertThat(demo.workload().config().cacheMb()).as("the rollback restored the snapshot").isEqualTo(16);
        awaitNotification("incident.escalated", escalated);
    }

    @Test
    void aForgedAlertCanNeitherPickTheTargetNorRunAFixAlone() throws Exception {
        DemoServer demo = stack.demo("shop-alerted");
        // What an ingest-token holder can write: an alert named like a detector rule, and one an
        // operator mapped to a playbook, both claiming to be about a listed target in staging.
        assertThat(postAlert("memory-usage-high", "shop-alerted-rule", demo)).isEqualTo(200);
        assertThat(postAlert("ShopMemoryHigh", "shop-alerted", demo)).isEqualTo(200);

        JsonNode impersonation = awaitIncident("shop-alerted-rule", "ANALYZED");
        assertThat(impersonation.path("rule").asString()).as("an alert never passes for a detector rule").isEqualTo("alert:memory-usage-high");
        assertThat(impersonation.path("playbookId").isMissingNode() || impersonation.path("playbookId").isNull()).isTrue();

        JsonNode waiting = awaitIncident("shop-alerted", "AWAITING_APPROVAL");
        JsonNode approval = waiting.path("approvals").get(0);
        JsonNode requested = entry(waiting, "ApprovalRequested").path("detail");
        assertThat(requested.path("environment").asString()).as("the label said staging; unlisted counts as production")
                .isEqualTo("production");
        assertThat(requested.path("risk").asString()).as("release-memory is low, one level up in production").isEqualTo("MEDIUM");
        assertThat(requested.path("policyRule").asString()).isEqualTo("approve-medium");
        assertThat(waiting.path("environment").asString()).as("and so does the incident").isEqualTo("production");
        assertThat(approval.path("target").isNull() || approval.path("target").isMissingNode()).as("an alert names no target").isTrue();

        var vote = gateway.post("/api/approvals/" + approval.path("approvalId").asString(), operatorKey,
                "{\"decision\":\"approve\",\"comment\":\"approve anyway\"}");
        assertThat(vote.status()).isEqualTo(202);
        JsonNode skipped = awaitIncident("shop-alerted", incident -> types(incident).contains("ExecutionSkipped"));
        assertThat(entry(skipped, "ExecutionSkipped").path("summary").asString()).contains("needs one");
        assertThat(types(skipped)).doesNotContain("ExecutionStarted", "StepCompleted");
        assertThat(demo.workload().config().cacheMb()).as("nothing touched the service the alert pointed at").isEqualTo(16);
    }

    @Test
    void malformedEventsOnEveryTopicAreDeadLetteredAndThePipelineKeepsWorking() throws Exception {
        Map<String, Integer> consumersPerTopic = consumerGroupsPerTopic();
        assertThat(consumersPerTopic.keySet()).contains(Topic.SIGNALS.topicName(), Topic.INCIDENTS.topicName(),
                Topic.ANALYSES.topicName(), Topic.DECISIONS.topicName(), Topic.APPROVALS.topicName(), Topic.EXECUTIONS.topicName());

        try (var probe = TopicProbe.allTopics(stack.bootstrapServers());
             var sender = new EventSender(stack.bootstrapServers())) {
            for (String topic : consumersPerTopic.keySet()) {
                sender.sendRaw(topic, "poison-" + topic, Map.of("ce_id", "poison-" + topic, "ce_type", "io.sentinel.events.Nonsense"),
                        "{\"this is\": \"not an event\"".getBytes(StandardCharsets.UTF_8));
            }
            for (var entry : consumersPerTopic.entrySet()) {
                Topic topic = Topic.byName(entry.getKey()).orElseThrow();
                List<ReceivedRecord> deadLetters = probe.awaitRecords(topic.deadLetterTopicName(), entry.getValue(),
                        record -> ("poison-" + entry.getKey()).equals(record.key()), INCIDENT_TIMEOUT);
                assertThat(deadLetters).as("every consumer group of %s dead-letters the record", topic.topicName())
                        .hasSize(entry.getValue())
                        .allSatisfy(record -> {
                            assertThat(record.headers().get("x-exception-message")).isNotBlank();
                            assertThat(record.headers()).containsEntry("x-original-topic", topic.topicName());
                        });
            }
        }

        stack.demo("shop-dlq").workload().inject(Fault.MEMORY_LEAK);
        awaitIncident("shop-dlq", "RESOLVED");
    }

    private static JsonNode awaitIncident(String resource, String state) {
        return e2e.awaitIncident(resource, state);
    }

    private static JsonNode awaitIncident(String resource, Predicate<JsonNode> condition) {
        return e2e.awaitIncident(resource, condition);
    }

    private static void awaitNotification(String kind, JsonNode incident) {
        e2e.awaitNotification(kind, incident);
    }

    private static List<String> types(JsonNode incident) {
        return Timeline.types(incident);
    }

    private static Set<String> sources(JsonNode incident) {
        return Timeline.sources(incident);
    }

    private static Set<String> traceIds(JsonNode incident) {
        return Timeline.traceIds(incident);
    }

    private static JsonNode entry(JsonNode incident, String type) {
        return Timeline.entry(incident, type);
    }

    private static int postAlert(String alertName, String service, DemoServer demo) throws Exception {
        String body = """
                {"version": "4", "status": "firing", "receiver": "sentinel", "groupKey": "{}:{alertname=\\"%1$s\\"}",
                 "truncatedAlerts": 0, "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://am:9093",
                 "alerts": [{"status": "firing", "fingerprint": "%2$s",
                             "labels": {"alertname": "%1$s", "service": "%3$s", "environment": "staging", "instance": "%4$s"},
                             "annotations": {"summary": "%1$s on %3$s"},
                             "startsAt": "%5$s", "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus/graph"}]}
                """.formatted(alertName, Long.toHexString(alertName.hashCode() & 0xffffffffL), service, demo.instance(), Instant.now());
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + stack.port(SentinelService.COLLECTOR) + "/api/alertmanager"))
                .header("Authorization", "Bearer " + stack.ingestToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Which Sentinel topics each named consumer group reads, from the broker itself. Anonymous groups
     * (every instance replaying the compacted config topic) cannot have a dead-letter topic: they log
     * and skip a malformed setting, which stays on the topic (ADR 0003).
     */
    private static Map<String, Integer> consumerGroupsPerTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).filter(group -> !group.startsWith("anonymous.")).toList();
            Map<String, Integer> perTopic = new HashMap<>();
            admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS).values().forEach(group -> group.members().stream()
                    .flatMap(member -> member.assignment().topicPartitions().stream())
                    .map(partition -> partition.topic())
                    .filter(topic -> Topic.byName(topic).isPresent())
                    .distinct()
                    .forEach(topic -> perTopic.merge(topic, 1, Integer::sum)));
            return perTopic;
        }
    }
}
