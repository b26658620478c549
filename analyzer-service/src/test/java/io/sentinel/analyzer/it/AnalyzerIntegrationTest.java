package io.sentinel.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.analyzer.AnalyzerApplication;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.Topic;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.answer.AnswerChunk;
import io.sentinel.events.answer.AnswerCompleted;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.question.QuestionAsked;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The analyzer alone without a model, on a real broker and database, with the heuristic mapping it
 * ships in analyzer.yaml and the test catalog under src/test/resources/playbooks: incidents in,
 * analyses out; signals and executions into its context and history; questions in, templated
 * answers out. Similar incidents by their words here ({@code embeddings: none}); the model's
 * analyses and answers are {@link LlmAnalyzerIntegrationTest}'s.
 */
@SpringBootTest(classes = AnalyzerApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = {
        "sentinel.playbooks.location=classpath:playbooks/",
        "sentinel.analyzer.history.embeddings=none",
        "sentinel.inventory.targets[0].name=shop-staging",
        "sentinel.inventory.targets[0].environment=staging",
        "sentinel.inventory.targets[0].urls[0]=http://shop.staging:8080",
        "sentinel.inventory.targets[1].name=shop-prod",
        "sentinel.inventory.targets[1].environment=production",
        "sentinel.inventory.targets[1].urls[0]=http://shop.prod:8080"})
// Closed after the class: the model's integration test starts the analyzer again, in the same consumer group.
@DirtiesContext
class AnalyzerIntegrationTest extends ServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    Jdbi jdbi;

    @Test
    void proposesTheMappedPlaybookAtItsOwnRiskOutsideProduction() {
        EventEnvelope<IncidentOpened> opened = sender.send(opened("memory-usage-high", "staging"));

        AnalysisCompleted analysis = awaitAnalysisOf(opened);

        assertThat(analysis.analyst()).isEqualTo(Analyst.HEURISTIC);
        assertThat(analysis.model()).isNull();
        assertThat(analysis.fallbackReason()).isEqualTo("no LLM configured (set sentinel.analyzer.llm.base-url and .model, "
                + "or SENTINEL_LLM_BASE_URL and SENTINEL_LLM_MODEL)");
        assertThat(analysis.analystLabel()).isEqualTo("heuristic");
        assertThat(analysis.usage()).isNull();
        assertThat(analysis.target()).isEqualTo("shop-staging");
        assertThat(analysis.rootCause()).isEqualTo("Memory grows past its limit without being released: a leak or an unbounded cache");
        assertThat(analysis.proposedAction().playbookId()).isEqualTo("release-memory");
        assertThat(analysis.proposedAction().parameters()).as("the playbook's default, checked against the catalog")
                .containsExactly(Map.entry("reason", "sentinel"));
        assertThat(analysis.risk()).isEqualTo(Risk.LOW);
        assertThat(analysis.confidence()).isEqualTo(0.5);
        assertThat(analysis.causationId()).isEqualTo(opened.id());
        assertThat(analysis.resource()).isEqualTo(opened.event().resource());
        assertThat(analysis.environment()).isEqualTo("staging");
        assertThat(analysis.labels()).isEqualTo(opened.event().labels());
        assertThat(analysis.evidence()).contains("memory_usage_ratio was 0.75 (threshold 0.6) at " + opened.event().observation().observedAt());
        assertThat(traceOfAnalysis(opened.event().incidentId())).as("the analysis continues the incident's trace")
                .isEqualTo(opened.traceParent().traceId());
    }

    @Test
    void raisesTheRiskOfAnActionInProduction() {
        EventEnvelope<IncidentOpened> opened = sender.send(opened("memory-usage-high", "production"));

        AnalysisCompleted analysis = awaitAnalysisOf(opened);

        assertThat(analysis.proposedAction().playbookId()).isEqualTo("release-memory");
        assertThat(analysis.risk()).as("release-memory is low risk, one level up in production").isEqualTo(Risk.MEDIUM);
        assertThat(analysis.environment()).isEqualTo("production");
    }

    @Test
    void takesTheEnvironmentFromTheInventoryNeverFromALabelTheSenderWrote() {
        EventEnvelope<IncidentOpened> opened = sender.send(opened(UUID.randomUUID().toString(), "memory-usage-high", "staging", "shop-prod"));

        AnalysisCompleted analysis = awaitAnalysisOf(opened);

        assertThat(analysis.environment()).as("the label claims staging; the inventory lists shop-prod in production")
                .isEqualTo("production");
        assertThat(analysis.risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void treatsAnIncidentAboutAnUnlistedResourceAsTheMostSensitiveEnvironment() {
        EventEnvelope<IncidentOpened> reported = sender.send(opened(UUID.randomUUID().toString(), "memory-usage-high", "staging", null));
        EventEnvelope<IncidentOpened> unknown = sender.send(opened(UUID.randomUUID().toString(), "memory-usage-high", "staging",
                "shop-nobody-listed"));

        for (EventEnvelope<IncidentOpened> opened : List.of(reported, unknown)) {
            AnalysisCompleted analysis = awaitAnalysisOf(opened);
            assertThat(analysis.environment()).isEqualTo("production");
            assertThat(analysis.risk()).as("release-memory, raised as in production").isEqualTo(Risk.MEDIUM);
        }
    }

    @Test
    void asksForAHumanWhenNoHeuristicKnowsTheRule() {
        EventEnvelope<IncidentOpened> opened = sender.send(opened("disk-nearly-full", "production"));

        AnalysisCompleted analysis = awaitAnalysisOf(opened);

        assertThat(analysis.proposedAction()).isNull();
        assertThat(analysis.rootCause()).isEqualTo("No heuristic knows rule 'disk-nearly-full'; a human needs to look");
        assertThat(analysis.risk()).isEqualTo(Risk.LOW);
        assertThat(analysis.confidence()).isZero();
        assertThat(analysis.analyst()).isEqualTo(Analyst.HEURISTIC);
    }

    @Test
    void analysesAnIncidentOnlyOnceHoweverOftenItIsAnnounced() {
        IncidentOpened incident = opened("memory-usage-high", "staging");
        EventEnvelope<IncidentOpened> first = sender.send(incident);
        sender.send(first);
        sender.send(opened(incident.incidentId(), "memory-usage-high", "production"));
        EventEnvelope<IncidentOpened> marker = sender.send(opened(incidentOnTheSamePartitionAs(incident.incidentId()), "memory-usage-high",
                "staging"));

        AnalysisCompleted analysis = awaitAnalysisOf(first);
        awaitAnalysisOf(marker);

        assertThat(analysesOf(incident.incidentId())).as("redelivered and repeated openings, handled before the marker, change nothing")
                .containsExactly(analysis);
        assertThat(analysis.risk()).as("the first opening's analysis stands").isEqualTo(Risk.LOW);
        assertThat(storedAnalyses(incident.incidentId())).isEqualTo(1L);
    }

    @Test
    void analysesOnlyWhenAnIncidentOpens() {
        IncidentOpened incident = opened("memory-usage-high", "staging");
        sender.send(new IncidentUpdated(incident.incidentId(), UUID.randomUUID().toString(), 2, Severity.WARNING, incident.observation()));
        EventEnvelope<IncidentOpened> opened = sender.send(incident);

        // Both are keyed by the incident, so the update was handled before the opening's analysis appeared.
        AnalysisCompleted analysis = awaitAnalysisOf(opened);

        assertThat(analysesOf(incident.incidentId())).containsExactly(analysis);
    }

    @Test
    void citesTheResourcesErrorLinesAndSignalTrendFromTheSignalsItConsumed() {
        String incidentId = UUID.randomUUID().toString();
        String resource = "reported-" + incidentId.substring(0, 8);
        Instant now = Instant.now();
        sender.send(new LogBatch("ingest", resource, Map.of("service", "shop"), List.of(
                new LogEntry("ERROR", "java.lang.OutOfMemoryError: Java heap space (db password=hunter2)", null, now.minusSeconds(5), Map.of()),
                new LogEntry("INFO", "GC pause 900ms", null, now.minusSeconds(4), Map.of())), now));
        sender.send(new MetricBatch("scrape", resource, Map.of(), now, List.of(
                new MetricSample("memory_usage_ratio", Map.of("container", "shop"), 0.5, now.minusSeconds(60)),
                new MetricSample("memory_usage_ratio", Map.of("container", "shop"), 0.75, now)), null));
        await().atMost(WAIT).until(() -> count("select count(*) from log_line where resource = :r", resource) == 2
                && count("select count(*) from signal_point where resource = :r", resource) == 2);

        AnalysisCompleted analysis = awaitAnalysisOf(sender.send(opened(incidentId, "memory-usage-high", "staging", null)));

        assertThat(analysis.evidence()).anySatisfy(line -> assertThat(line)
                .startsWith("log ERROR at ").endsWith("java.lang.OutOfMemoryError: Java heap space (db password=[REDACTED:secret-value])"));
        assertThat(analysis.evidence()).anySatisfy(line -> assertThat(line).startsWith("memory_usage_ratio{container=\"shop\"} went from 0.5 at"));
        assertThat(String.join("\n", analysis.evidence())).doesNotContain("hunter2").doesNotContain("GC pause");
    }

    @Test
    void remembersHowAPastIncidentWasFixedAndCitesItForTheNextOneLikeIt() {
        String resource = "reported-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope<IncidentOpened> first = sender.send(opened(UUID.randomUUID().toString(), "memory-usage-high", "staging", null, resource));
        String past = awaitAnalysisOf(first).incidentId();
        Instant now = Instant.now();
        sender.send(new ExecutionStarted(past, UUID.randomUUID().toString(), "exec-1", "release-memory", Map.of("reason", "sentinel"), now));
        sender.send(new VerificationPassed(past, UUID.randomUUID().toString(), "exec-1", "memory_usage_ratio back under 0.6"));
        sender.send(new IncidentResolved(past, UUID.randomUUID().toString(), Resolution.REMEDIATED, "verified", now));
        await().atMost(WAIT).until(() -> count("select count(*) from incident_history where incident_id = :r and outcome = 'verified' "
                + "and status = 'RESOLVED'", past) == 1);

        AnalysisCompleted next = awaitAnalysisOf(sender.send(opened(UUID.randomUUID().toString(), "memory-usage-high", "staging", null, resource)));

        assertThat(next.similarIncidents()).first().isEqualTo(past);
        assertThat(next.evidence()).contains("similar past incident " + past + " (memory-usage-high on " + resource
                + ", similarity 1): remediated by release-memory (reason=sentinel), verified");
    }

    @Test
    void answersAQuestionWithoutAModelWithATemplatedSummaryAndSaysSo() {
        EventEnvelope<IncidentOpened> opened = sender.send(opened("memory-usage-high", "staging"));
        String incidentId = awaitAnalysisOf(opened).incidentId();
        QuestionAsked question = new QuestionAsked(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Why is the shop slow?",
                incidentId, "alice", Instant.now());

        sender.send(question);
        AnswerCompleted completed = probe.await(AnswerCompleted.class, a -> a.questionId().equals(question.questionId()), WAIT);

        assertThat(completed.analyst()).isEqualTo(Analyst.HEURISTIC);
        assertThat(completed.model()).isNull();
        assertThat(completed.fallbackReason()).startsWith("no LLM configured").endsWith("answered with a templated summary of what Sentinel knows");
        assertThat(completed.sources()).contains(incidentId, "timeline of " + incidentId, "playbook catalog");
        assertThat(completed.suggestedAction()).isNull();
        String answer = answerText(question.questionId(), completed.chunks());
        assertThat(answer).startsWith("No model answered (no LLM configured")
                .contains("Incident " + incidentId, "Memory grows past its limit without being released", "proposed: release-memory (reason=sentinel)");
    }

    @Test
    void answersOnlyQuestionsTheGatewaySigned() {
        String conversation = UUID.randomUUID().toString();
        QuestionAsked forged = new QuestionAsked(conversation, UUID.randomUUID().toString(), "What runs here?", null, "mallory", Instant.now());
        QuestionAsked marker = new QuestionAsked(conversation, UUID.randomUUID().toString(), "What is open?", null, "alice", Instant.now());

        sender.sendAs("collector", "collector", forged);
        sender.send(marker);
        probe.await(AnswerCompleted.class, a -> a.questionId().equals(marker.questionId()), WAIT);

        assertThat(probe.events(AnswerChunk.class)).noneMatch(chunk -> chunk.questionId().equals(forged.questionId()));
        assertThat(probe.events(AnswerCompleted.class)).noneMatch(done -> done.questionId().equals(forged.questionId()));
    }

    /**
     * A new incident whose events land on the same partition as {@code incidentId}'s, on every topic
     * keyed by incident (the incidents and the analyses topic have as many partitions): it is handled
     * after everything sent about {@code incidentId} before it, and its analysis is published after
     * any analysis those produced. Its analysis is the positive marker that they were handled.
     */
    private static String incidentOnTheSamePartitionAs(String incidentId) {
        int partitions;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            partitions = admin.describeTopics(List.of(Topic.INCIDENTS.topicName())).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topic.INCIDENTS.topicName()).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot describe " + Topic.INCIDENTS.topicName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        int partition = partitionOf(incidentId, partitions);
        String candidate = UUID.randomUUID().toString();
        while (partitionOf(candidate, partitions) != partition) {
            candidate = UUID.randomUUID().toString();
        }
        return candidate;
    }

    /** Kafka's default partitioner for a record with a key. */
    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private long count(String sql, String value) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("r", value).mapTo(Long.class).one());
    }

    /** The answer's chunks in order; all of them arrived before the completion, which counts them. */
    static String answerText(String questionId, int chunks) {
        List<AnswerChunk> received = probe.events(AnswerChunk.class).stream().filter(chunk -> chunk.questionId().equals(questionId))
                .sorted(java.util.Comparator.comparingInt(AnswerChunk::sequence)).toList();
        assertThat(received).extracting(AnswerChunk::sequence).containsExactly(java.util.stream.IntStream.range(0, chunks).boxed()
                .toArray(Integer[]::new));
        return received.stream().map(AnswerChunk::text).collect(java.util.stream.Collectors.joining());
    }

    private long storedAnalyses(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from analysis where incident_id = :id")
                .bind("id", incidentId).mapTo(Long.class).one());
    }

    private static AnalysisCompleted awaitAnalysisOf(EventEnvelope<IncidentOpened> opened) {
        return probe.await(AnalysisCompleted.class, a -> a.incidentId().equals(opened.event().incidentId()), WAIT);
    }

    private static List<AnalysisCompleted> analysesOf(String incidentId) {
        return probe.events(AnalysisCompleted.class).stream().filter(a -> a.incidentId().equals(incidentId)).toList();
    }

    private static String traceOfAnalysis(String incidentId) {
        return probe.envelopes(AnalysisCompleted.class).stream().filter(e -> incidentId.equals(e.subject())).findFirst().orElseThrow()
                .traceParent().traceId();
    }

    /** An incident about the inventory's target in that environment, labelled as the sender wrote it. */
    private static IncidentOpened opened(String rule, String environment) {
        return opened(UUID.randomUUID().toString(), rule, environment);
    }

    private static IncidentOpened opened(String incidentId, String rule, String environment) {
        return opened(incidentId, rule, environment, environment.equals("production") ? "shop-prod" : "shop-staging");
    }

    private static IncidentOpened opened(String incidentId, String rule, String environmentLabel, String target) {
        return opened(incidentId, rule, environmentLabel, target, target == null ? "reported-" + incidentId.substring(0, 8) : target);
    }

    private static IncidentOpened opened(String incidentId, String rule, String environmentLabel, String target, String resource) {
        Instant now = Instant.now();
        return new IncidentOpened(incidentId, UUID.randomUUID().toString(), rule + "|" + resource, rule, "Memory usage above 60% on " + resource,
                Severity.WARNING, resource, Map.of("environment", environmentLabel, "service", "shop", "instance", "127.0.0.1:8092"),
                new Observation("memory_usage_ratio", 0.75, 0.6, "above 0.6 for 30s", now), now, target);
    }
}
