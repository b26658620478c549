package io.sentinel.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.events.TraceParent;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.VerificationFailed;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.SettingJson;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.ApprovalStatus;
import io.sentinel.policy.approval.db.ApprovalExpiry;
import io.sentinel.policy.approval.db.ApprovalRequestDao;
import io.sentinel.policy.rules.PolicyRules;
import io.sentinel.policy.rules.ShippedPolicy;
import io.sentinel.runtime.settings.RuntimeSettings;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The policy service alone, on a real broker and database, with the policy it ships in policy.yaml:
 * incidents, analyses, votes, brake releases and failed executions in, decisions out, every event
 * sent signed as its producer would. Approval requests live 2s here, so votes are cast as soon as a
 * request is seen, and expiry is observable within the test.
 */
@SpringBootTest(classes = PolicyApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = {
        "sentinel.policy.approval.ttl=2s",
        // Only the deadline each request schedules can expire it within a test: the periodic round never comes.
        "sentinel.policy.approval.expiry-check-interval=1h",
        // The rate brakes are the pure tests' business; here they must not stop the many low-risk actions.
        "sentinel.policy.brakes.max-auto-per-target=1000",
        "sentinel.policy.brakes.max-auto-in-system=1000",
        "sentinel.policy.brakes.failures-to-engage=3",
        "sentinel.inventory.targets[0].name=shop-staging",
        "sentinel.inventory.targets[0].environment=staging",
        "sentinel.inventory.targets[0].urls[0]=http://shop.staging:8080",
        "sentinel.inventory.targets[1].name=shop-prod",
        "sentinel.inventory.targets[1].environment=production",
        "sentinel.inventory.targets[1].urls[0]=http://shop.prod:8080",
        "sentinel.inventory.targets[1].kubernetes.namespace=shop",
        "sentinel.inventory.targets[1].kubernetes.kind=Deployment",
        "sentinel.inventory.targets[1].kubernetes.name=shop",
        "sentinel.inventory.targets[2].name=support-bot",
        "sentinel.inventory.targets[2].environment=production",
        "sentinel.inventory.targets[2].urls[0]=http://support-bot.prod:8080"})
class PolicyIntegrationTest extends ServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ProposedAction RELEASE_MEMORY = new ProposedAction("release-memory", Map.of("reason", "sentinel"));
    private static final TargetRef SHOP_STAGING = new TargetRef("shop-staging", "staging", List.of("http://shop.staging:8080"), null);
    private static final TargetRef SHOP_PROD = new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"),
            new KubernetesRef("shop", "Deployment", "shop"));

    private static final ProposedAction PAUSE_AGENT = new ProposedAction("pause-agent", Map.of());

    private static EventSender analyzer;
    private static EventSender gateway;

    @Autowired
    Jdbi jdbi;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PolicyRules rules;

    @Autowired
    RuntimeSettings settings;

    @Autowired
    ApprovalExpiry expiry;

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
        EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.LOW, "staging"));

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
        EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.MEDIUM, "production"));

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
        EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.HIGH, "production"));
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
        EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.MEDIUM, "production"));
        ApprovalRequested requested = awaitApprovalRequest(analysis);

        gateway.send(vote(requested, "alice", Set.of(Role.OPERATOR), Vote.REJECT, "looks like a deploy, not a leak"));
        gateway.send(vote(requested, "bob", Set.of(Role.ADMIN), Vote.APPROVE));

        ActionRejected rejected = probe.await(ActionRejected.class, e -> e.incidentId().equals(requested.incidentId()), WAIT);
        assertThat(rejected.approvalId()).isEqualTo(requested.approvalId());
        assertThat(rejected.rejectedBy()).isEqualTo("alice");
        assertThat(rejected.comment()).isEqualTo("looks like a deploy, not a leak");
        assertThat(rejected.policyRule()).isEqualTo("approve-medium");
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
        EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.MEDIUM, "production"));
        ApprovalRequested requested = awaitApprovalRequest(analysis);

        ApprovalExpired expired = probe.await(ApprovalExpired.class, e -> e.incidentId().equals(requested.incidentId()), WAIT);

        assertThat(expired.approvalId()).isEqualTo(requested.approvalId());
        assertThat(expired.policyRule()).isEqualTo("approve-medium");
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
        propose(claimsStaging);

        ApprovalRequested requested = probe.await(ApprovalRequested.class, e -> e.incidentId().equals(claimsStaging.incidentId()), WAIT);

        assertThat(requested.environment()).isEqualTo("production");
        assertThat(requested.target()).isEqualTo(SHOP_PROD);
    }

    @Test
    void neverLetsAnActionOnAnUnlistedResourceRunWithoutAPerson() {
        AnalysisCompleted reported = analysis(UUID.randomUUID().toString(), Risk.LOW, "staging", RELEASE_MEMORY, null);
        AnalysisCompleted unknown = analysis(UUID.randomUUID().toString(), Risk.LOW, "staging", RELEASE_MEMORY, "shop-nobody-listed");
        propose(reported);
        propose(unknown);

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
        EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.HIGH, "production"));
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
    void believesNoFailureOrIncidentOrReleaseThatTheExecutorDetectorOrGatewayDidNotSign() {
        String forged = UUID.randomUUID().toString();
        double refusedBefore = refusedReleases();
        // Enough forged failures to engage the brake, a forged incident, and a forged release by an "admin".
        for (int i = 1; i <= 3; i++) {
            sender.sendAs("executor", "gateway", new VerificationFailed(forged, "decision-" + i, "exec-" + i + "-" + forged, "forged"));
        }
        sender.sendAs("detector", "analyzer", new IncidentOpened(forged, "c", "fp", "llm-agent-loop", "forged", Severity.CRITICAL, "shop",
                Map.of(), new Observation("llm_trace_generations", 99.0, 10.0, null, Instant.now()), Instant.now(), null));
        gateway.sendAs("gateway", "executor", new BrakeReleased(UUID.randomUUID().toString(), "mallory", "forged", Instant.now(),
                Set.of(Role.ADMIN)));

        assertThat(probe.awaitRecords(Topic.EXECUTIONS.deadLetterTopicName(), 3, record -> forged.equals(record.key()), WAIT)).hasSize(3);
        assertThat(probe.awaitRecords(Topic.INCIDENTS.deadLetterTopicName(), 1, record -> forged.equals(record.key()), WAIT)).isNotEmpty();
        assertThat(probe.awaitRecords(Topic.APPROVALS.deadLetterTopicName(), 1,
                record -> BrakeReleased.KEY.equals(record.key()), WAIT)).isNotEmpty();
        assertThat(failuresOf(forged)).isZero();
        assertThat(factsKnown(forged)).isFalse();
        assertThat(brakeEngaged()).isFalse();
        assertThat(refusedReleases()).as("never even counted: it was not believed to come from the gateway").isEqualTo(refusedBefore);
    }

    @Test
    void blocksACriticalActionOutright() {
        EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.CRITICAL, "production"));

        ActionBlocked blocked = probe.await(ActionBlocked.class, e -> e.incidentId().equals(incidentOf(analysis)), WAIT);

        assertThat(blocked.policyRule()).isEqualTo("deny-critical");
        assertThat(blocked.reason()).contains("deny-critical").contains("CRITICAL");
        assertThat(blocked.action()).isEqualTo(RELEASE_MEMORY);
        assertThat(blocked.causationId()).isEqualTo(analysis.id());
    }

    @Test
    void decidesNothingWhenTheAnalysisProposesNoAction() {
        AnalysisCompleted nothingProposed = analysis(Risk.LOW, "staging", null);
        propose(nothingProposed);
        EventEnvelope<AnalysisCompleted> proposal = propose(analysis(nothingProposed.incidentId(), Risk.LOW, "staging", RELEASE_MEMORY));

        // Same incident, same partition: the analysis without a proposal was handled first.
        probe.await(ActionAuthorized.class, e -> e.incidentId().equals(nothingProposed.incidentId()), WAIT);

        assertThat(decisionsOf(nothingProposed.incidentId())).singleElement()
                .satisfies(decision -> assertThat(decision.causationId()).isEqualTo(proposal.id()));
    }


    @Test
    void threeFailedVerificationsEngageTheGlobalBrakeAndOnlyAnAdminReleasesIt() {
        // One incident's executions: their events share a partition and are handled in the order sent.
        String failing = UUID.randomUUID().toString();
        sender.send(new VerificationFailed(failing, "decision-1", "exec-1-" + failing, "condition still present after 60s"));
        sender.send(new RollbackSucceeded(failing, "decision-1", "exec-1-" + failing, "restored configuration from snapshot"));
        sender.send(new VerificationFailed(failing, "decision-2", "exec-2-" + failing, "condition still present after 60s"));
        await().atMost(WAIT).until(() -> failuresOf(failing) == 2);
        assertThat(brakeEngaged()).as("a failed verification and the rollback after it are one failure").isFalse();

        sender.send(new VerificationFailed(failing, "decision-3", "exec-3-" + failing, "condition still present after 60s"));
        await().atMost(WAIT).until(this::brakeEngaged);
        assertThat(meters.get("sentinel.policy.brake.engaged").gauge().value()).isEqualTo(1.0);

        try {
            EventEnvelope<AnalysisCompleted> braked = propose(analysis(Risk.LOW, "staging"));
            ApprovalRequested waiting = awaitApprovalRequest(braked);
            assertThat(waiting.policyRule()).isEqualTo("brake:global");
            assertThat(waiting.overriddenRule()).as("the rule that would have let it run alone").isEqualTo("auto-low");
            assertThat(waiting.requiredRole()).isEqualTo(Role.OPERATOR);
            assertThat(decisionsOf(incidentOf(braked))).as("it waits: no authorization beside the request").containsExactly(waiting);

            double refusedBefore = refusedReleases();
            gateway.send(new BrakeReleased(UUID.randomUUID().toString(), "olga", "looks fine to me", Instant.now(), Set.of(Role.OPERATOR)));
            await().atMost(WAIT).until(() -> refusedReleases() == refusedBefore + 1);
            assertThat(brakeEngaged()).as("an operator's release, published by the gateway all the same, releases nothing").isTrue();

            BrakeReleased release = new BrakeReleased(UUID.randomUUID().toString(), "ada", "the failing playbook is fixed",
                    Instant.now(), Set.of(Role.ADMIN));
            gateway.send(release);
            await().atMost(WAIT).until(() -> !brakeEngaged());

            EventEnvelope<AnalysisCompleted> afterRelease = propose(analysis(Risk.LOW, "staging"));
            ActionAuthorized authorized = probe.await(ActionAuthorized.class, e -> e.incidentId().equals(incidentOf(afterRelease)), WAIT);
            assertThat(authorized.approval()).isEqualTo(ApprovalMode.AUTO);
            assertThat(authorized.policyRule()).isEqualTo("auto-low");

            // The failures before the release count no more: three new ones engage it again.
            for (int i = 4; i <= 6; i++) {
                sender.send(new VerificationFailed(failing, "decision-" + i, "exec-" + i + "-" + failing, "condition still present"));
            }
            await().atMost(WAIT).until(this::brakeEngaged);
            // The same release delivered again, then a refused one as the marker that it was handled (releases share a key).
            gateway.send(release);
            gateway.send(new BrakeReleased(UUID.randomUUID().toString(), "victor", "please", Instant.now(), Set.of(Role.VIEWER)));
            await().atMost(WAIT).until(() -> refusedReleases() == refusedBefore + 2);
            assertThat(brakeEngaged()).as("a replayed release releases nothing").isTrue();
        } finally {
            gateway.send(new BrakeReleased(UUID.randomUUID().toString(), "ada", "end of test", Instant.now(), Set.of(Role.ADMIN)));
            await().atMost(WAIT).until(() -> !brakeEngaged());
        }
    }

    @Test
    void decidesWithTheIncidentWhenTheAnalysisOvertookIt() {
        double retriesBefore = transientRetries();
        AnalysisCompleted overtaking = analysis(UUID.randomUUID().toString(), Risk.LOW, "staging", RELEASE_MEMORY);
        analyzer.send(overtaking);
        // The rules ask about the incident (is it an LLM application's?): the analysis is handed back to wait for it.
        await().atMost(WAIT).until(() -> transientRetries() > retriesBefore);

        knownIncident(overtaking.incidentId(), "memory-usage-high", Severity.WARNING,
                new Observation("memory_usage_ratio", 0.75, 0.6, null, Instant.now()));

        ActionAuthorized authorized = probe.await(ActionAuthorized.class, e -> e.incidentId().equals(overtaking.incidentId()), WAIT);
        assertThat(authorized.policyRule()).as("decided knowing the incident, not by the strictest guess").isEqualTo("auto-low");
        assertThat(decisionsOf(overtaking.incidentId())).containsExactly(authorized);
    }

    @Test
    void pausesAnAgentLoopingPastTwentyGenerationsAloneButAsksForAnythingElseAboutLlmApplications() {
        String looping = UUID.randomUUID().toString();
        knownIncident(looping, "llm-agent-loop", Severity.CRITICAL, new Observation("llm_trace_generations", 23.0, 10.0,
                "trace run-1 of agent refund-agent: 23 generations (more than 10)", Instant.now()));
        analyzer.send(llmAnalysis(looping, PAUSE_AGENT, Risk.MEDIUM));
        String drifting = UUID.randomUUID().toString();
        knownIncident(drifting, "llm-prompt-drift", Severity.WARNING, new Observation("llm_output_violations", 0.4, 0.2, null, Instant.now()));
        analyzer.send(llmAnalysis(drifting, RELEASE_MEMORY, Risk.LOW));

        ActionAuthorized paused = probe.await(ActionAuthorized.class, e -> e.incidentId().equals(looping), WAIT);
        assertThat(paused.approval()).isEqualTo(ApprovalMode.AUTO);
        assertThat(paused.policyRule()).isEqualTo("llm-pause-looping-agent");
        ApprovalRequested asked = probe.await(ApprovalRequested.class, e -> e.incidentId().equals(drifting), WAIT);
        assertThat(asked.policyRule()).isEqualTo("llm-approve-the-rest");
    }

    @Test
    void aRuleSetPublishedAtRuntimeAsksTwoDistinctAdminsAndCountsEachOnce() {
        double refusedBefore = refusedVotes();
        // Written to the topic around the gateway: breaks the contract, so the rules in force stay.
        gateway.send(new SettingChanged("policy.rules", JSON.readTree("[{\"name\": \"x\", \"enviroment\": \"staging\", "
                + "\"decision\": \"auto\"}]"), "mallory", Instant.now()));
        await().atMost(WAIT).until(() -> settings.get("policy.rules").isPresent());
        assertThat(rules.current().rules()).as("a value the contract refuses is ignored").isEqualTo(ShippedPolicy.rules());

        ArrayNode twoAdmins = JSON.createArrayNode();
        twoAdmins.add(JSON.readTree("{\"name\": \"two-admins-for-the-shop\", \"namespace\": \"shop\", \"risk\": \"high\", "
                + "\"decision\": \"approve\", \"role\": \"admin\", \"approvals\": 2}"));
        twoAdmins.addAll((ArrayNode) SettingJson.tree(ShippedPolicy.rules()));
        gateway.send(new SettingChanged("policy.rules", twoAdmins, "admin", Instant.now()));
        await().atMost(WAIT).until(() -> rules.current().rules().getFirst().name().equals("two-admins-for-the-shop"));
        try {
            EventEnvelope<AnalysisCompleted> analysis = propose(analysis(Risk.HIGH, "production"));
            ApprovalRequested requested = awaitApprovalRequest(analysis);
            assertThat(requested.policyRule()).isEqualTo("two-admins-for-the-shop");
            assertThat(requested.requiredApprovals()).isEqualTo(2);
            assertThat(requested.requiredRole()).isEqualTo(Role.ADMIN);

            // Keyed by incident, so handled in this order.
            EventEnvelope<ApprovalVoteCast> alice = gateway.send(vote(requested, "alice", Set.of(Role.ADMIN), Vote.APPROVE));
            gateway.send(alice);
            gateway.send(vote(requested, "alice", Set.of(Role.ADMIN), Vote.APPROVE));
            gateway.send(vote(requested, "olga", Set.of(Role.OPERATOR), Vote.APPROVE));
            gateway.send(vote(requested, "nobody", Set.of(), Vote.APPROVE));
            gateway.send(vote(requested, "bob", Set.of(Role.ADMIN), Vote.APPROVE));

            ActionAuthorized authorized = probe.await(ActionAuthorized.class, e -> requested.approvalId().equals(e.approvalId()), WAIT);
            assertThat(authorized.approvers()).as("alice once, then bob; nobody else counted").containsExactly("alice", "bob");
            assertThat(authorized.approvedBy()).isEqualTo("alice, bob");
            assertThat(authorized.policyRule()).isEqualTo("two-admins-for-the-shop");
            assertThat(decisionsAbout(requested.approvalId())).as("alice alone authorized nothing").containsExactly(requested, authorized);
            assertThat(refusedVotes() - refusedBefore).as("the operator and the voter without roles").isEqualTo(2.0);
            assertThat(countedVoters(requested.approvalId())).containsExactlyInAnyOrder("alice", "bob");
        } finally {
            gateway.send(new SettingRemoved("policy.rules", "admin", Instant.now()));
            await().atMost(WAIT).until(() -> rules.current().rules().equals(ShippedPolicy.rules()));
        }
    }

    @Test
    void expiresARequestAStoppedInstanceLeftBehindAsSoonAsItStartsAgain() {
        // Every request of the other tests has expired (they live 2s) and nothing is scheduled any more.
        await().atMost(WAIT).until(() -> pendingRequests() == 0);
        String incident = UUID.randomUUID().toString();
        String approvalId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().minusSeconds(1);
        // As an instance that stopped before its deadline left it: stored, announced, pending.
        jdbi.useExtension(ApprovalRequestDao.class, requests -> requests.open(new ApprovalRequest(approvalId, incident, "release-memory",
                Map.of(), Risk.MEDIUM, "production", "shop-prod", Map.of(), Role.OPERATOR, "approve-medium", ApprovalStatus.PENDING, deadline,
                null, null, TraceParent.root().header(), "analysis-" + approvalId, "requested-" + approvalId, SHOP_PROD, 1, null, null)));

        expiry.resumeFromStore();

        ApprovalExpired expired = probe.await(ApprovalExpired.class, e -> e.approvalId().equals(approvalId), WAIT);
        assertThat(expired.causationId()).isEqualTo("requested-" + approvalId);
        assertThat(statusOf(approvalId)).isEqualTo("EXPIRED");
    }

    /**
     * The positive marker for "a vote changed nothing": a second proposal about the same incident, and
     * an approving vote on it. Votes are keyed by incident, so the marker vote is handled after every
     * vote sent about the incident before it; once its authorization is out, those were handled too.
     */
    private ActionAuthorized decidedMarkerAfterTheVotesOn(String incidentId) {
        EventEnvelope<AnalysisCompleted> second = propose(analysis(incidentId, Risk.MEDIUM, "production", RELEASE_MEMORY));
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

    /** Sends the analysis as the analyzer would, once the policy service knows the incident as the detector reported it. */
    private EventEnvelope<AnalysisCompleted> propose(AnalysisCompleted analysis) {
        knownIncident(analysis.incidentId(), "memory-usage-high", Severity.WARNING,
                new Observation("memory_usage_ratio", 0.75, 0.6, null, Instant.now()));
        return analyzer.send(analysis);
    }

    /** The detector opens the incident; the policy service knows it once its facts are stored. */
    private void knownIncident(String incidentId, String rule, Severity severity, Observation observation) {
        if (factsKnown(incidentId)) {
            return;
        }
        sender.send(new IncidentOpened(incidentId, UUID.randomUUID().toString(), rule + "|" + incidentId, rule, "incident " + rule,
                severity, "shop", Map.of("service", "shop"), observation, Instant.now(), null));
        await().atMost(WAIT).until(() -> factsKnown(incidentId));
    }

    private boolean factsKnown(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from incident_fact where incident_id = :id")
                .bind("id", incidentId).mapTo(Integer.class).one()) > 0;
    }

    private int failuresOf(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from execution_failure where incident_id = :id")
                .bind("id", incidentId).mapTo(Integer.class).one());
    }

    private boolean brakeEngaged() {
        return jdbi.withHandle(h -> h.createQuery("select engaged from global_brake").mapTo(Boolean.class).one());
    }

    private int pendingRequests() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from approval_request where status = 'PENDING'").mapTo(Integer.class).one());
    }

    private List<String> countedVoters(String approvalId) {
        return jdbi.withHandle(h -> h.createQuery("select voter from approval_vote where approval_id = :id").bind("id", approvalId)
                .mapTo(String.class).list());
    }

    private double transientRetries() {
        return meters.counter("sentinel.events.transient.retries").count();
    }

    private double refusedReleases() {
        return meters.counter("sentinel.policy.brake.releases.refused").count();
    }

    private static AnalysisCompleted llmAnalysis(String incidentId, ProposedAction action, Risk risk) {
        return new AnalysisCompleted(incidentId, UUID.randomUUID().toString(), Analyst.HEURISTIC, null, "no LLM configured",
                "The agent goes round in circles", List.of("llm_trace_generations was 23 (threshold 10)"), action, risk, 0.5,
                "support-bot", "production", Map.of("environment", "production", "agent", "refund-agent"), "support-bot", null, null);
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
