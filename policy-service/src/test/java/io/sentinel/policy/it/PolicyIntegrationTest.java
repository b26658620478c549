package io.sentinel.policy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.PolicyApplication;
import io.sentinel.testkit.EventSender;
import io.sentinel.testkit.ServiceIntegrationTest;
import io.sentinel.testkit.TestInfrastructure;
import io.sentinel.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The policy service alone, on a real broker and database, with the policy it ships in policy.yaml:
 * analyses and votes in, decisions out. Approval requests live 2s here, so votes are cast as soon as
 * a request is seen, and expiry is observable within the test.
 */
@SpringBootTest(classes = PolicyApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = {
        "sentinel.policy.approval.ttl=2s",
        "sentinel.policy.approval.expiry-check-interval=500ms",
        "sentinel.inventory.targets[0].name=shop-staging",
        "sentinel.inventory.targets[0].environment=staging",
        "sentinel.inventory.targets[0].urls[0]=http://shop.staging:8080",
        "sentinel.inventory.targets[1].name=shop-prod",
        "sentinel.inventory.targets[1].environment=production",
        "sentinel.inventory.targets[1].urls[0]=http://shop.prod:8080",
        "sentinel.inventory.targets[1].kubernetes.namespace=shop",
        "sentinel.inventory.targets[1].kubernetes.kind=Deployment",
        "sentinel.inventory.targets[1].kubernetes.name=shop"})
class PolicyIntegrationTest extends ServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ProposedAction RELEASE_MEMORY = new ProposedAction("release-memory", Map.of("reason", "sentinel"));
    private static final TargetRef SHOP_STAGING = new TargetRef("shop-staging", "staging", List.of("http://shop.staging:8080"), null);
    private static final TargetRef SHOP_PROD = new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"),
            new KubernetesRef("shop", "Deployment", "shop"));

    private static EventSender analyzer;
    private static EventSender gateway;

    @Autowired
    Jdbi jdbi;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void connect() {
        String bootstrapServers = TestInfrastructure.broker().bootstrapServers();
        analyzer = new EventSender(bootstrapServers);
        gateway = new EventSender(bootstrapServers);
        probe = TopicProbe.allTopics(bootstrapServers);
    }

    @AfterAll
    static void disconnect() {
        analyzer.close();
        gateway.close();
    }

    @Test
    void authorizesALowRiskActionWithoutAskingAnyone() {
        EventEnvelope<AnalysisCompleted> analysis = analyzer.send(analysis(Risk.LOW, "staging"));

        ActionAuthorized authorized = probe.await(ActionAuthorized.class, e -> e.incidentId().equals(incidentOf(analysis)), WAIT);

        assertThat(authorized.approval()).isEqualTo(ApprovalMode.AUTO);
        assertThat(authorized.approvedBy()).isNull();
        assertThat(authorized.approvalId()).isNull();
        assertThat(authorized.policyRule()).isEqualTo("auto-low");
        assertThat(authorized.action()).isEqualTo(RELEASE_MEMORY);
        assertThat(authorized.risk()).isEqualTo(Risk.LOW);
        assertThat(authorized.causationId()).isEqualTo(analysis.id());
        assertThat(authorized.resource()).isEqualTo(analysis.event().resource());
        assertThat(authorized.environment()).isEqualTo("staging");
        assertThat(authorized.target()).as("exactly what the inventory lists").isEqualTo(SHOP_STAGING);
        assertThat(authorized.labels()).isEqualTo(analysis.event().labels());
        assertThat(traceOf(ActionAuthorized.class, incidentOf(analysis))).isEqualTo(analysis.traceParent().traceId());
    }

    @Test
    void asksAnOperatorToApproveAMediumRiskActionAndAuthorizesItInTheIncidentsTrace() {
        EventEnvelope<AnalysisCompleted> analysis = analyzer.send(analysis(Risk.MEDIUM, "production"));

        ApprovalRequested requested = awaitApprovalRequest(analysis);
        assertThat(requested.approvalId()).isEqualTo(EventIds.derive(analysis.id(), "approval"));
        assertThat(requested.requiredRole()).isEqualTo(Role.OPERATOR);
        assertThat(requested.policyRule()).isEqualTo("approve-medium");
        assertThat(requested.rationale()).isEqualTo(analysis.event().rootCause());
        assertThat(requested.action()).isEqualTo(RELEASE_MEMORY);
        assertThat(requested.expiresAt()).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3));
        assertThat(requested.target()).as("the approver sees exactly what will be touched").isEqualTo(SHOP_PROD);
        assertThat(requested.environment()).isEqualTo("production");
        EventEnvelope<ApprovalVoteCast> vote = gateway.send(vote(requested, "alice", Set.of(Role.OPERATOR), Vote.APPROVE));

        ActionAuthorized authorized = probe.await(ActionAuthorized.class, e -> e.incidentId().equals(requested.incidentId()), WAIT);

        assertThat(authorized.approval()).isEqualTo(ApprovalMode.HUMAN);
        assertThat(authorized.approvedBy()).isEqualTo("alice");
        assertThat(authorized.approvalId()).isEqualTo(requested.approvalId());
        assertThat(authorized.policyRule()).isEqualTo("approve-medium");
        assertThat(authorized.action()).isEqualTo(RELEASE_MEMORY);
        assertThat(authorized.risk()).isEqualTo(Risk.MEDIUM);
        assertThat(authorized.labels()).isEqualTo(analysis.event().labels());
        assertThat(authorized.target()).as("authorized on what was approved").isEqualTo(SHOP_PROD);
        assertThat(authorized.causationId()).isEqualTo(vote.id());
        assertThat(traceOf(ActionAuthorized.class, requested.incidentId()))
                .as("the vote came in its own trace; the authorization continues the incident's")
                .isEqualTo(analysis.traceParent().traceId())
                .isNotEqualTo(vote.traceParent().traceId());
        assertThat(statusOf(requested.approvalId())).isEqualTo("APPROVED");
    }

    @Test
    void refusesTheVoteOfSomeoneWhoseRolesDoNotAllowIt() {
        double refusedBefore = refusedVotes();
        EventEnvelope<AnalysisCompleted> analysis = analyzer.send(analysis(Risk.HIGH, "production"));
        ApprovalRequested requested = awaitApprovalRequest(analysis);
        assertThat(requested.requiredRole()).isEqualTo(Role.ADMIN);

        // Keyed by incident, so handled in this order: the refused votes before the one that counts.
        gateway.send(vote(requested, "victor", Set.of(Role.VIEWER), Vote.APPROVE));
        gateway.send(vote(requested, "olga", Set.of(Role.OPERATOR), Vote.REJECT));
        gateway.send(vote(requested, "ada", Set.of(Role.ADMIN), Vote.APPROVE));

        ActionAuthorized authorized = probe.await(ActionAuthorized.class, e -> e.incidentId().equals(requested.incidentId()), WAIT);
        assertThat(authorized.approvedBy()).isEqualTo("ada");
        assertThat(decisionsOf(requested.incidentId())).hasSize(2).noneMatch(ActionRejected.class::isInstance);
        assertThat(refusedVotes() - refusedBefore).isEqualTo(2.0);
    }

    @Test
    void rejectsOnTheFirstVoteAndIgnoresEveryLaterOne() {
        EventEnvelope<AnalysisCompleted> analysis = analyzer.send(analysis(Risk.MEDIUM, "production"));
        ApprovalRequested requested = awaitApprovalRequest(analysis);

        gateway.send(vote(requested, "alice", Set.of(Role.OPERATOR), Vote.REJECT, "looks like a deploy, not a leak"));
        gateway.send(vote(requested, "bob", Set.of(Role.ADMIN), Vote.APPROVE));

        ActionRejected rejected = probe.await(ActionRejected.class, e -> e.incidentId().equals(requested.incidentId()), WAIT);
        assertThat(rejected.approvalId()).isEqualTo(requested.approvalId());
        assertThat(rejected.rejectedBy()).isEqualTo("alice");
        assertThat(rejected.comment()).isEqualTo("looks like a deploy, not a leak");
        assertThat(traceOf(ActionRejected.class, requested.incidentId())).isEqualTo(analysis.traceParent().traceId());
        ActionAuthorized marker = decidedMarkerAfterTheVotesOn(requested.incidentId());
        assertThat(decisionsAbout(requested.approvalId())).as("bob's approval came after the decision, and was handled before the marker")
                .containsExactly(requested, rejected);
        assertThat(probe.events(ActionAuthorized.class)).filteredOn(e -> e.incidentId().equals(requested.incidentId()))
                .containsExactly(marker);
        assertThat(statusOf(requested.approvalId())).isEqualTo("REJECTED");
    }

    @Test
    void expiresARequestNobodyVotedOnAndRunsNothingOnALateVote() {
        EventEnvelope<AnalysisCompleted> analysis = analyzer.send(analysis(Risk.MEDIUM, "production"));
        ApprovalRequested requested = awaitApprovalRequest(analysis);

        ApprovalExpired expired = probe.await(ApprovalExpired.class, e -> e.incidentId().equals(requested.incidentId()), WAIT);

        assertThat(expired.approvalId()).isEqualTo(requested.approvalId());
        assertThat(expired.expiredAt()).isAfterOrEqualTo(requested.expiresAt());
        assertThat(expired.causationId()).isEqualTo(envelopeOf(ApprovalRequested.class, requested.incidentId()).id());
        assertThat(envelopeOf(ApprovalExpired.class, requested.incidentId()).id())
                .isEqualTo(EventIds.derive(requested.approvalId(), "expired"));
        assertThat(traceOf(ApprovalExpired.class, requested.incidentId())).isEqualTo(analysis.traceParent().traceId());
        assertThat(statusOf(requested.approvalId())).isEqualTo("EXPIRED");

        gateway.send(vote(requested, "alice", Set.of(Role.ADMIN), Vote.APPROVE));
        ActionAuthorized marker = decidedMarkerAfterTheVotesOn(requested.incidentId());
        assertThat(decisionsAbout(requested.approvalId())).as("requested, expired, and nothing after the late vote").containsExactly(requested, expired);
        assertThat(probe.events(ActionAuthorized.class)).filteredOn(e -> e.incidentId().equals(requested.incidentId()))
                .containsExactly(marker);
    }

    @Test
    void judgesTheTargetsEnvironmentByTheInventoryNotByWhatTheAnalysisSays() {
        AnalysisCompleted claimsStaging = analysis(UUID.randomUUID().toString(), Risk.MEDIUM, "staging", RELEASE_MEMORY, "shop-prod");
        analyzer.send(claimsStaging);

        ApprovalRequested requested = probe.await(ApprovalRequested.class, e -> e.incidentId().equals(claimsStaging.incidentId()), WAIT);

        assertThat(requested.environment()).isEqualTo("production");
        assertThat(requested.target()).isEqualTo(SHOP_PROD);
    }

    @Test
    void neverLetsAnActionOnAnUnlistedResourceRunWithoutAPerson() {
        AnalysisCompleted reported = analysis(UUID.randomUUID().toString(), Risk.LOW, "staging", RELEASE_MEMORY, null);
        AnalysisCompleted unknown = analysis(UUID.randomUUID().toString(), Risk.LOW, "staging", RELEASE_MEMORY, "shop-nobody-listed");
        analyzer.send(reported);
        analyzer.send(unknown);

        for (AnalysisCompleted analysis : List.of(reported, unknown)) {
            ApprovalRequested requested = probe.await(ApprovalRequested.class, e -> e.incidentId().equals(analysis.incidentId()), WAIT);
            assertThat(requested.policyRule()).isEqualTo("unlisted-target (instead of auto-low)");
            assertThat(requested.environment()).as("the most sensitive environment").isEqualTo("production");
            assertThat(requested.target()).isNull();
            assertThat(requested.requiredRole()).isEqualTo(Role.OPERATOR);
        }
        assertThat(probe.events(ActionAuthorized.class)).noneMatch(a -> a.incidentId().equals(reported.incidentId())
                || a.incidentId().equals(unknown.incidentId()));
    }

    @Test
    void believesNoVoteOrAnalysisThatTheGatewayOrAnalyzerDidNotSign() {
        EventEnvelope<AnalysisCompleted> analysis = analyzer.send(analysis(Risk.HIGH, "production"));
        ApprovalRequested requested = awaitApprovalRequest(analysis);
        String forgedAnalysisIncident = UUID.randomUUID().toString();

        // Someone with write access to Kafka and the executor's key claims to be the gateway, voting as an admin.
        gateway.sendAs("gateway", "executor", vote(requested, "mallory", Set.of(Role.ADMIN), Vote.APPROVE));
        // ... and claims to be the analyzer, proposing a low-risk action the policy would run alone.
        analyzer.sendAs("analyzer", "gateway", analysis(forgedAnalysisIncident, Risk.LOW, "staging", RELEASE_MEMORY, "shop-staging"));
        gateway.send(vote(requested, "ada", Set.of(Role.ADMIN), Vote.REJECT));

        ActionRejected rejected = probe.await(ActionRejected.class, e -> e.incidentId().equals(requested.incidentId()), WAIT);
        assertThat(rejected.rejectedBy()).as("the forged approval before it did not count").isEqualTo("ada");
        assertThat(probe.awaitRecords(Topic.APPROVALS.deadLetterTopicName(), 1,
                record -> record.headers().getOrDefault("x-exception-message", "").contains("key 'executor-test' belongs to executor"), WAIT))
                .isNotEmpty();
        assertThat(probe.awaitRecords(Topic.ANALYSES.deadLetterTopicName(), 1,
                record -> forgedAnalysisIncident.equals(record.key()), WAIT)).isNotEmpty();
        assertThat(decisionsOf(forgedAnalysisIncident)).as("nothing was decided about the forged analysis").isEmpty();
    }

    @Test
    void blocksACriticalActionOutright() {
        EventEnvelope<AnalysisCompleted> analysis = analyzer.send(analysis(Risk.CRITICAL, "production"));

        ActionBlocked blocked = probe.await(ActionBlocked.class, e -> e.incidentId().equals(incidentOf(analysis)), WAIT);

        assertThat(blocked.policyRule()).isEqualTo("deny-critical");
        assertThat(blocked.reason()).contains("deny-critical").contains("CRITICAL");
        assertThat(blocked.action()).isEqualTo(RELEASE_MEMORY);
        assertThat(blocked.causationId()).isEqualTo(analysis.id());
    }

    @Test
    void decidesNothingWhenTheAnalysisProposesNoAction() {
        AnalysisCompleted nothingProposed = analysis(Risk.LOW, "staging", null);
        analyzer.send(nothingProposed);
        EventEnvelope<AnalysisCompleted> proposal = analyzer.send(analysis(nothingProposed.incidentId(), Risk.LOW, "staging", RELEASE_MEMORY));

        // Same incident, same partition: the analysis without a proposal was handled first.
        probe.await(ActionAuthorized.class, e -> e.incidentId().equals(nothingProposed.incidentId()), WAIT);

        assertThat(decisionsOf(nothingProposed.incidentId())).singleElement()
                .satisfies(decision -> assertThat(decision.causationId()).isEqualTo(proposal.id()));
    }

    /**
     * The positive marker for "a vote changed nothing": a second proposal about the same incident, and
     * an approving vote on it. Votes are keyed by incident, so the marker vote is handled after every
     * vote sent about the incident before it; once its authorization is out, those were handled too.
     */
    private static ActionAuthorized decidedMarkerAfterTheVotesOn(String incidentId) {
        EventEnvelope<AnalysisCompleted> second = analyzer.send(analysis(incidentId, Risk.MEDIUM, "production", RELEASE_MEMORY));
        String markerApproval = EventIds.derive(second.id(), "approval");
        ApprovalRequested marker = probe.await(ApprovalRequested.class, e -> e.approvalId().equals(markerApproval), WAIT);
        gateway.send(vote(marker, "marker", Set.of(Role.ADMIN), Vote.APPROVE));
        return probe.await(ActionAuthorized.class, e -> markerApproval.equals(e.approvalId()), WAIT);
    }

    /** Every decision about one approval request, in the order published. */
    private static List<DecisionEvent> decisionsAbout(String approvalId) {
        return probe.events(DecisionEvent.class).stream().filter(e -> switch (e) {
            case ApprovalRequested requested -> requested.approvalId().equals(approvalId);
            case ActionAuthorized authorized -> approvalId.equals(authorized.approvalId());
            case ActionRejected rejected -> rejected.approvalId().equals(approvalId);
            case ApprovalExpired expired -> expired.approvalId().equals(approvalId);
            case ActionBlocked blocked -> false;
        }).toList();
    }

    private static ApprovalRequested awaitApprovalRequest(EventEnvelope<AnalysisCompleted> analysis) {
        return probe.await(ApprovalRequested.class, e -> e.incidentId().equals(incidentOf(analysis)), WAIT);
    }

    private static List<DecisionEvent> decisionsOf(String incidentId) {
        return probe.events(DecisionEvent.class).stream().filter(e -> e.incidentId().equals(incidentId)).toList();
    }

    private static EventEnvelope<?> envelopeOf(Class<? extends SentinelEvent> type, String incidentId) {
        return probe.envelopes(type).stream().filter(e -> incidentId.equals(e.subject())).findFirst().orElseThrow();
    }

    private static String traceOf(Class<? extends SentinelEvent> type, String incidentId) {
        return envelopeOf(type, incidentId).traceParent().traceId();
    }

    private static String incidentOf(EventEnvelope<AnalysisCompleted> analysis) {
        return analysis.event().incidentId();
    }

    private String statusOf(String approvalId) {
        return jdbi.withHandle(h -> h.createQuery("select status from approval_request where approval_id = :id")
                .bind("id", approvalId).mapTo(String.class).one());
    }

    private double refusedVotes() {
        return meters.counter("sentinel.policy.votes.refused").count();
    }

    private static ApprovalVoteCast vote(ApprovalRequested requested, String voter, Set<Role> roles, Vote vote) {
        return vote(requested, voter, roles, vote, null);
    }

    private static ApprovalVoteCast vote(ApprovalRequested requested, String voter, Set<Role> roles, Vote vote, String comment) {
        String requestedEventId = probe.envelopes(ApprovalRequested.class).stream()
                .filter(e -> e.event() instanceof ApprovalRequested r && r.approvalId().equals(requested.approvalId())).findFirst().orElseThrow().id();
        return new ApprovalVoteCast(requested.incidentId(), requestedEventId, requested.approvalId(), voter, roles, vote, comment, Instant.now());
    }

    private static AnalysisCompleted analysis(Risk risk, String environment) {
        return analysis(risk, environment, RELEASE_MEMORY);
    }

    private static AnalysisCompleted analysis(Risk risk, String environment, ProposedAction action) {
        return analysis(UUID.randomUUID().toString(), risk, environment, action);
    }

    /** An analysis about the inventory's target in that environment. */
    private static AnalysisCompleted analysis(String incidentId, Risk risk, String environment, ProposedAction action) {
        return analysis(incidentId, risk, environment, action, environment.equals("production") ? "shop-prod" : "shop-staging");
    }

    private static AnalysisCompleted analysis(String incidentId, Risk risk, String environment, ProposedAction action, String target) {
        String resource = target == null ? "reported-" + incidentId.substring(0, 8) : target;
        return new AnalysisCompleted(incidentId, UUID.randomUUID().toString(), Analyst.HEURISTIC, null, "no LLM configured",
                "Memory grows past its limit without being released", List.of("memory_usage_ratio was 0.75 (threshold 0.6)"), action, risk,
                0.5, resource, environment, Map.of("environment", environment, "service", "shop", "instance", "127.0.0.1:8092"), target, null, null);
    }
}
