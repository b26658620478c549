package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.StepPhase;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.execution.VerificationStarted;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Events in, read model and API out, votes back onto Kafka. */
class GatewayIntegrationTest extends GatewayApiTest {

    private static final String MISSING_KEY = "Missing or invalid API key; send Authorization: Bearer <key>";

    @Test
    void projectsAnIncidentsLifecycleIntoItsStateAndTimeline() {
        String incident = unique("inc");
        String approval = unique("ap");
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // Each topic is consumed on its own, so these arrive in any order; the read model orders them by when they happened.
        send(opened(incident, t), t, trace, "detector");
        send(analysis(incident), t.plusSeconds(1), trace, "analyzer");
        send(requested(incident, approval, Role.OPERATOR, t.plusSeconds(3600)), t.plusSeconds(2), trace, "policy");

        JsonNode awaiting = awaitIncident(incident, i -> i.path("timeline").size() == 3);
        assertThat(awaiting.path("state").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(summaries(awaiting)).containsExactly(
                "Opened: Memory usage above 60% on shop (memory_usage_ratio 0.73 > 0.60)",
                "Analyzed by heuristic: Memory grows without bound; proposes release-memory (risk MEDIUM, confidence 0.50); "
                        + "1 piece of evidence",
                "Approval requested from operator (expires " + t.plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS) + ")");
        assertThat(awaiting.path("title").asString()).isEqualTo("Memory usage above 60% on shop");
        assertThat(awaiting.path("environment").asString()).isEqualTo("production");
        assertThat(awaiting.path("labels").path("service").asString()).isEqualTo("shop");
        assertThat(awaiting.path("analyst").asString()).isEqualTo("HEURISTIC");
        assertThat(awaiting.path("analystLabel").asString()).isEqualTo("heuristic");
        assertThat(awaiting.path("evidence").valueStream().map(JsonNode::asString)).containsExactly("memory_usage_ratio=0.734");
        assertThat(awaiting.path("usage").isNull()).as("no model, no usage").isTrue();
        assertThat(awaiting.path("fallbackReason").asString()).isEqualTo("no LLM configured");
        assertThat(awaiting.path("playbookId").asString()).isEqualTo("release-memory");
        assertThat(awaiting.path("approvalId").asString()).isEqualTo(approval);
        assertThat(awaiting.path("traceId").asString()).isEqualTo(trace.traceId());
        assertThat(awaiting.path("approvals").get(0).path("state").asString()).isEqualTo("PENDING");
        assertThat(awaiting.path("timeline").get(0).path("detail").path("rule").asString()).as("the event itself is kept")
                .isEqualTo("memory-usage-high");

        send(new ActionAuthorized(incident, "c", RELEASE_MEMORY, Risk.MEDIUM, ApprovalMode.HUMAN, "alice", approval, "approve-medium",
                "shop", "production", LABELS, null), t.plusSeconds(3), trace, "policy");
        send(new ExecutionStarted(incident, "c", "ex-" + incident, "release-memory", Map.of(), t.plusSeconds(4)), t.plusSeconds(4), trace,
                "executor");
        send(new StepCompleted(incident, "c", "ex-" + incident, "release-memory", StepPhase.ACTION, true,
                "POST /actions/release-memory -> 200", 12), t.plusSeconds(5), trace, "executor");
        send(new VerificationStarted(incident, "c", "ex-" + incident, t.plusSeconds(66)), t.plusSeconds(6), trace, "executor");
        send(new VerificationPassed(incident, "c", "ex-" + incident, "condition cleared 1.2s after the action"), t.plusSeconds(7), trace,
                "executor");
        send(new IncidentResolved(incident, "c", Resolution.REMEDIATED, "verified by execution ex-" + incident, t.plusSeconds(8)),
                t.plusSeconds(8), trace, "detector");
        send(new IncidentEscalated(incident, "c", "a late escalation", t.plusSeconds(9)), t.plusSeconds(9), trace, "detector");

        JsonNode resolved = awaitIncident(incident, i -> i.path("timeline").size() == 10);
        assertThat(resolved.path("state").asString()).as("RESOLVED is terminal").isEqualTo("RESOLVED");
        assertThat(resolved.path("resolution").asString()).isEqualTo("REMEDIATED");
        assertThat(resolved.path("timeline").valueStream().map(e -> e.path("type").asString())).containsExactly(
                "IncidentOpened", "AnalysisCompleted", "ApprovalRequested", "ActionAuthorized", "ExecutionStarted", "StepCompleted",
                "VerificationStarted", "VerificationPassed", "IncidentResolved", "IncidentEscalated");
        assertThat(summaries(resolved).subList(3, 10)).containsExactly(
                "Approved by alice",
                "Execution started: release-memory",
                "Step release-memory succeeded: POST /actions/release-memory -> 200",
                "Verifying until " + t.plusSeconds(66).truncatedTo(ChronoUnit.SECONDS),
                "Verification passed: condition cleared 1.2s after the action",
                "Resolved (REMEDIATED): verified by execution ex-" + incident,
                "Escalated: a late escalation");
        assertThat(resolved.path("timeline").valueStream().map(e -> e.path("source").asString()))
                .startsWith("detector", "analyzer", "policy");
        JsonNode approved = resolved.path("approvals").get(0);
        assertThat(approved.path("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("decidedBy").asString()).isEqualTo("alice");

        JsonNode resolvedList = get("/api/incidents?state=resolved&limit=500", viewerKey).json();
        assertThat(resolvedList.valueStream().map(i -> i.path("incidentId").asString())).contains(incident);
        assertThat(resolvedList.valueStream().map(i -> i.path("state").asString())).containsOnly("RESOLVED");
        assertThat(get("/api/incidents?state=OPEN", viewerKey).json().valueStream().map(i -> i.path("incidentId").asString()))
                .doesNotContain(incident);
        List<Instant> newestFirst = get("/api/incidents", viewerKey).json().valueStream()
                .map(i -> Instant.parse(i.path(i.path("openedAt").isNull() ? "updatedAt" : "openedAt").asString())).toList();
        assertThat(newestFirst).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void showsTheEnvironmentTheInventorySaysNotTheOneASendersLabelClaims() {
        String incident = unique("inc");
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(new IncidentOpened(incident, unique("signal"), "alert:x|shop", "alert:x", "x on shop", Severity.WARNING, "shop",
                Map.of("environment", "staging"), new Observation("alert:x", null, null, "claims staging", t), t, null), t, trace, "detector");

        JsonNode opened = awaitIncident(incident, i -> i.path("timeline").size() == 1);
        assertThat(opened.path("environment").isNull() || opened.path("environment").isMissingNode())
                .as("a label is not the environment").isTrue();

        send(analysis(incident), t.plusSeconds(1), trace, "analyzer");
        JsonNode analyzed = awaitIncident(incident, i -> i.path("timeline").size() == 2);
        assertThat(analyzed.path("environment").asString()).as("the analysis names the inventory's environment").isEqualTo("production");
    }

    @Test
    void showsWhatAModelsAnalysisSaysCostAndDrewOn() {
        String incident = unique("inc");
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(opened(incident, t), t, trace, "detector");
        send(new AnalysisCompleted(incident, "c", Analyst.LLM, "gpt-4o-mini", null, "An unbounded cache in CatalogLoader",
                List.of("heap 91% and rising for 14 minutes", "log: java.lang.OutOfMemoryError in CatalogLoader.load"), RELEASE_MEMORY,
                Risk.MEDIUM, 0.87, "shop", "production", LABELS, null, new ModelUsage(1830, 212, 0.0041, 2350), List.of("inc-old-7", "inc-old-3")),
                t.plusSeconds(1), trace, "analyzer");

        JsonNode analyzed = awaitIncident(incident, i -> i.path("timeline").size() == 2);
        assertThat(analyzed.path("analyst").asString()).isEqualTo("LLM");
        assertThat(analyzed.path("analystLabel").asString()).isEqualTo("llm:gpt-4o-mini");
        assertThat(analyzed.path("rootCause").asString()).isEqualTo("An unbounded cache in CatalogLoader");
        assertThat(analyzed.path("evidence").valueStream().map(JsonNode::asString))
                .containsExactly("heap 91% and rising for 14 minutes", "log: java.lang.OutOfMemoryError in CatalogLoader.load");
        assertThat(analyzed.path("usage").path("tokensIn").asLong()).isEqualTo(1830);
        assertThat(analyzed.path("usage").path("tokensOut").asLong()).isEqualTo(212);
        assertThat(analyzed.path("usage").path("costUsd").asDouble()).isEqualTo(0.0041);
        assertThat(analyzed.path("usage").path("latencyMillis").asLong()).isEqualTo(2350);
        assertThat(analyzed.path("similarIncidents").valueStream().map(JsonNode::asString)).containsExactly("inc-old-7", "inc-old-3");
        assertThat(summaries(analyzed).get(1)).isEqualTo("Analyzed by llm:gpt-4o-mini: An unbounded cache in CatalogLoader; proposes "
                + "release-memory (risk MEDIUM, confidence 0.87); 2 pieces of evidence; similar to inc-old-7, inc-old-3; "
                + "1830 tokens in, 212 out, $0.0041, 2350 ms");

        send(new AnalysisCompleted(incident, "c", Analyst.HEURISTIC, null, "model unavailable: circuit open", "Memory grows without bound",
                List.of(), RELEASE_MEMORY, Risk.MEDIUM, 0.5, "shop", "production", LABELS, null, null, null), t.plusSeconds(2), trace, "analyzer");
        JsonNode reanalyzed = awaitIncident(incident, i -> i.path("timeline").size() == 3);
        assertThat(reanalyzed.path("analystLabel").asString()).as("the latest analysis replaces the previous one").isEqualTo("heuristic");
        assertThat(reanalyzed.path("evidence").size()).isZero();
        assertThat(reanalyzed.path("usage").isNull()).isTrue();
        assertThat(reanalyzed.path("similarIncidents").size()).isZero();
        assertThat(reanalyzed.path("fallbackReason").asString()).isEqualTo("model unavailable: circuit open");
    }

    @Test
    void anApprovalShowsWhatItsRuleAsksOfApprovers() {
        String incident = unique("inc");
        String approval = unique("ap");
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(opened(incident, t), t, trace, "detector");
        send(new ApprovalRequested(incident, "c", approval, RELEASE_MEMORY, Risk.LOW, Role.OPERATOR, t.plusSeconds(3600), "brake:global",
                "Memory grows without bound", "shop", "production", null, 2, "it-requester", "auto-low"), t.plusMillis(10), trace, "policy");

        JsonNode requested = awaitIncident(incident, i -> i.path("approvals").size() == 1);
        JsonNode shown = requested.path("approvals").get(0);
        assertThat(shown.path("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(shown.path("policyRule").asString()).isEqualTo("brake:global");
        assertThat(shown.path("requestedBy").asString()).isEqualTo("it-requester");
        assertThat(shown.path("overriddenRule").asString()).isEqualTo("auto-low");
        assertThat(summaries(requested)).contains("Approval requested from 2 distinct operators, requested by it-requester, because "
                + "brake:global is engaged (rule auto-low would have run it alone) (expires " + t.plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS) + ")");
    }

    @Test
    void whoeverRequestedARunCannotVoteOnIt() {
        String incident = unique("inc");
        String approval = unique("ap");
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now();
        send(opened(incident, t), t, trace, "detector");
        send(new ApprovalRequested(incident, "c", approval, RELEASE_MEMORY, Risk.MEDIUM, Role.OPERATOR, t.plusSeconds(3600), "approve-medium",
                "Memory grows without bound", "shop", "production", null, 1, "it-operator", null), t.plusMillis(10), trace, "policy");
        awaitIncident(incident, i -> i.path("approvals").size() == 1);

        Response own = post("/api/approvals/" + approval, operatorKey, "{\"decision\":\"approve\"}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.detail()).isEqualTo("it-operator requested this run; someone else must approve or reject it");
        assertThat(post("/api/approvals/" + approval, ADMIN_KEY, "{\"decision\":\"approve\"}").status()).isEqualTo(202);
        assertThat(votesOn(approval)).containsExactly("bootstrap-admin");
    }

    @Test
    void anEventArrivingBeforeItsIncidentOpenedIsNotLost() {
        String incident = unique("inc");
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        send(analysis(incident), t.plusSeconds(1), trace, "analyzer");
        JsonNode early = awaitIncident(incident, i -> i.path("timeline").size() == 1);
        assertThat(early.path("state").asString()).isEqualTo("ANALYZED");
        assertThat(early.path("title").isNull()).isTrue();
        assertThat(early.path("resource").asString()).as("filled from the analysis until IncidentOpened says more").isEqualTo("shop");

        send(opened(incident, t), t, trace, "detector");
        JsonNode complete = awaitIncident(incident, i -> i.path("timeline").size() == 2);
        assertThat(complete.path("title").asString()).isEqualTo("Memory usage above 60% on shop");
        assertThat(complete.path("state").asString()).as("IncidentOpened never moves the state back").isEqualTo("ANALYZED");
        assertThat(complete.path("openedAt").asString()).isEqualTo(t.toString());
        assertThat(complete.path("timeline").valueStream().map(e -> e.path("type").asString()))
                .as("ordered by when they happened, not by arrival").containsExactly("IncidentOpened", "AnalysisCompleted");
    }

    @Test
    void anOperatorsVoteIsPublishedForThePolicyServiceWhichAloneDecides() {
        String incident = unique("inc");
        String approval = unique("ap");
        EventEnvelope<ApprovalRequested> request = awaitPendingApproval(incident, approval, Role.OPERATOR, Instant.now().plusSeconds(3600));
        String path = "/api/approvals/" + approval;

        Response anonymous = post(path, null, "{\"decision\":\"approve\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().path("detail").asString()).isEqualTo(MISSING_KEY);
        assertThat(anonymous.response().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        Response viewer = post(path, viewerKey, "{\"decision\":\"approve\"}");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.contentType()).startsWith("application/problem+json");
        assertThat(viewer.json().path("detail").asString()).isEqualTo("This endpoint needs role OPERATOR; your key has VIEWER");

        Response noDecision = post(path, operatorKey, "{\"comment\":\"looks right\"}");
        assertThat(noDecision.status()).isEqualTo(400);
        assertThat(noDecision.json().path("detail").asString()).contains("'decision'");
        Response malformedDecision = post(path, operatorKey, "{\"decision\":{\"nested\":true}}");
        assertThat(malformedDecision.status()).isEqualTo(400);
        assertThat(malformedDecision.json().path("detail").asString()).contains("'decision'");

        Response accepted = post(path, operatorKey, "{\"decision\":\"approve\",\"comment\":\"looks right\"}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("approvalId").asString()).isEqualTo(approval);
        assertThat(accepted.json().path("incidentId").asString()).isEqualTo(incident);
        assertThat(accepted.json().path("decision").asString()).isEqualTo("approve");
        assertThat(accepted.json().path("voter").asString()).isEqualTo("it-operator");

        ApprovalVoteCast vote = probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval), WAIT);
        assertThat(vote.voter()).isEqualTo("it-operator");
        assertThat(vote.voterRoles()).isEqualTo(Set.of(Role.VIEWER, Role.OPERATOR));
        assertThat(vote.vote()).isEqualTo(Vote.APPROVE);
        assertThat(vote.comment()).isEqualTo("looks right");
        assertThat(vote.incidentId()).isEqualTo(incident);
        assertThat(vote.causationId()).as("the vote names the request it answers").isEqualTo(request.id());
        EventEnvelope<?> voteEnvelope = probe.envelopes(ApprovalVoteCast.class).stream()
                .filter(e -> ((ApprovalVoteCast) e.event()).approvalId().equals(approval)).findFirst().orElseThrow();
        assertThat(voteEnvelope.traceParent().traceId()).as("the vote continues the incident's trace")
                .isEqualTo(request.traceParent().traceId());
        assertThat(voteEnvelope.source()).isEqualTo("gateway");
        assertThat(auditEntries(approval)).containsExactly("it-operator|OPERATOR|approval.vote");

        JsonNode afterVote = awaitIncident(incident, i -> summaries(i).contains("it-operator voted approve: looks right"));
        assertThat(afterVote.path("approvals").get(0).path("state").asString()).as("a vote is not a decision").isEqualTo("PENDING");

        send(new ActionAuthorized(incident, request.id(), RELEASE_MEMORY, Risk.MEDIUM, ApprovalMode.HUMAN, "it-operator", approval,
                "approve-medium", "shop", "production", LABELS, null), Instant.now(), request.traceParent(), "policy");
        JsonNode decided = awaitIncident(incident, i -> i.path("approvals").get(0).path("state").asString().equals("APPROVED"));
        assertThat(decided.path("state").asString()).isEqualTo("APPROVED");

        Response late = post(path, operatorKey, "{\"decision\":\"reject\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("detail").asString()).contains("is APPROVED");

        Response unknown = post("/api/approvals/" + unique("no-such-approval"), operatorKey, "{\"decision\":\"approve\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSecondVoteBySamePersonIsRefusedAndAppearsOnceOnTheTimeline() {
        String incident = unique("inc");
        String approval = unique("ap");
        awaitPendingApproval(incident, approval, Role.OPERATOR, Instant.now().plusSeconds(3600));
        String path = "/api/approvals/" + approval;

        assertThat(post(path, operatorKey, "{\"decision\":\"approve\",\"comment\":\"first\"}").status()).isEqualTo(202);
        String twice = "it-operator already voted on approval " + approval + " (approve); each person votes once";
        for (String body : List.of("{\"decision\":\"approve\",\"comment\":\"again\"}", "{\"decision\":\"reject\",\"comment\":\"changed my mind\"}")) {
            Response again = post(path, operatorKey, body);
            assertThat(again.status()).as(body).isEqualTo(409);
            assertThat(again.contentType()).startsWith("application/problem+json");
            assertThat(again.detail()).isEqualTo(twice);
        }

        // Someone else's vote is still taken: once it is on the timeline, a second vote by it-operator would be too.
        assertThat(post(path, ADMIN_KEY, "{\"decision\":\"reject\"}").status()).isEqualTo(202);
        JsonNode timeline = awaitIncident(incident, i -> summaries(i).contains("bootstrap-admin voted reject"));
        assertThat(summaries(timeline).stream().filter(summary -> summary.startsWith("it-operator voted"))).containsExactly(
                "it-operator voted approve: first");
        assertThat(votesOn(approval)).containsExactly("it-operator", "bootstrap-admin");
        assertThat(auditEntries(approval)).containsExactly("it-operator|OPERATOR|approval.vote", "bootstrap-admin|ADMIN|approval.vote");
    }

    @Test
    void simultaneousVotesBySamePersonCountOnce() throws Exception {
        String incident = unique("inc");
        String approval = unique("ap");
        awaitPendingApproval(incident, approval, Role.OPERATOR, Instant.now().plusSeconds(3600));
        int concurrent = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> votes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(concurrent)) {
            for (int i = 0; i < concurrent; i++) {
                String decision = i % 2 == 0 ? "approve" : "reject";
                votes.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return post("/api/approvals/" + approval, operatorKey, "{\"decision\":\"" + decision + "\"}");
                }, threads));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Response> vote : votes) {
                statuses.add(vote.get().status());
            }
            assertThat(statuses).containsOnly(202, 409).filteredOn(status -> status == 202).hasSize(1);
        }

        assertThat(post("/api/approvals/" + approval, ADMIN_KEY, "{\"decision\":\"approve\"}").status()).isEqualTo(202);
        JsonNode timeline = awaitIncident(incident, i -> summaries(i).contains("bootstrap-admin voted approve"));
        assertThat(summaries(timeline).stream().filter(summary -> summary.startsWith("it-operator voted"))).hasSize(1);
        assertThat(votesOn(approval)).containsExactly("it-operator", "bootstrap-admin");
        assertThat(auditEntries(approval)).hasSize(2);
    }

    @Test
    void anApprovalShowsExactlyWhatItWouldTouch() {
        String incident = unique("inc");
        String approval = unique("ap");
        TraceParent trace = TraceParent.root();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = t.plusSeconds(3600);
        TargetRef target = new TargetRef("shop-eu", "production", List.of("http://shop.prod.internal:8080", "http://shop-2.prod.internal:8080"),
                new KubernetesRef("shop", "deployment", "shop-api"));
        ProposedAction restart = new ProposedAction("restart-pods", Map.of("replicas", "3", "grace", "30s"));

        send(opened(incident, t), t, trace, "detector");
        send(new ApprovalRequested(incident, "c", approval, restart, Risk.HIGH, Role.OPERATOR, expiresAt, "approve-high",
                "Memory grows without bound", "shop", "production", target), t.plusMillis(10), trace, "policy");

        JsonNode requested = awaitIncident(incident, i -> i.path("approvals").size() == 1);
        JsonNode shown = requested.path("approvals").get(0);
        assertThat(shown.path("playbookId").asString()).isEqualTo("restart-pods");
        assertThat(shown.path("parameters").path("replicas").asString()).isEqualTo("3");
        assertThat(shown.path("parameters").path("grace").asString()).isEqualTo("30s");
        assertThat(shown.path("target").path("name").asString()).isEqualTo("shop-eu");
        assertThat(shown.path("target").path("environment").asString()).isEqualTo("production");
        assertThat(shown.path("target").path("urls").valueStream().map(JsonNode::asString))
                .containsExactly("http://shop.prod.internal:8080", "http://shop-2.prod.internal:8080");
        assertThat(shown.path("target").path("kubernetes").path("namespace").asString()).isEqualTo("shop");
        assertThat(shown.path("target").path("kubernetes").path("kind").asString()).isEqualTo("Deployment");
        assertThat(shown.path("target").path("kubernetes").path("name").asString()).isEqualTo("shop-api");
        assertThat(summaries(requested)).contains("Approval requested from operator to run restart-pods on shop-eu (production) (expires "
                + expiresAt.truncatedTo(ChronoUnit.SECONDS) + ")");

        String untargeted = unique("ap");
        awaitPendingApproval(unique("inc"), untargeted, Role.OPERATOR, expiresAt);
        JsonNode plain = get("/api/incidents/" + incidentOf(untargeted), viewerKey).json().path("approvals").get(0);
        assertThat(plain.path("target").isNull()).as("a request that names no target shows none").isTrue();
        assertThat(plain.path("parameters").path("reason").asString()).isEqualTo("memory-usage-high");
    }

    @Test
    void refusesVotesThePolicyServiceWouldIgnore() {
        String expiredApproval = unique("ap");
        awaitPendingApproval(unique("inc"), expiredApproval, Role.OPERATOR, Instant.now().minusSeconds(60));
        Response expired = post("/api/approvals/" + expiredApproval, operatorKey, "{\"decision\":\"approve\"}");
        assertThat(expired.status()).isEqualTo(409);
        assertThat(expired.json().path("detail").asString()).contains("expired at");

        String adminApproval = unique("ap");
        awaitPendingApproval(unique("inc"), adminApproval, Role.ADMIN, Instant.now().plusSeconds(3600));
        Response tooLow = post("/api/approvals/" + adminApproval, operatorKey, "{\"decision\":\"approve\"}");
        assertThat(tooLow.status()).isEqualTo(403);
        assertThat(tooLow.json().path("detail").asString()).isEqualTo("This approval needs role ADMIN; your key has OPERATOR");
        Response admin = post("/api/approvals/" + adminApproval, ADMIN_KEY, "{\"decision\":\"reject\"}");
        assertThat(admin.status()).isEqualTo(202);

        assertThat(auditEntries(expiredApproval)).isEmpty();
        assertThat(auditEntries(adminApproval)).containsExactly("bootstrap-admin|ADMIN|approval.vote");
    }

    @Test
    void keysAreStoredHashedShownOnceAndStopWorkingWhenRevoked() throws Exception {
        JsonNode created = createKey("it-temporary", "operator");
        String key = created.path("key").asString();
        String id = created.path("id").asString();
        assertThat(key).matches("snl_[0-9A-Za-z]{40}");
        assertThat(created.path("role").asString()).isEqualTo("OPERATOR");

        Response me = get("/api/me", key);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("name").asString()).isEqualTo("it-temporary");
        assertThat(me.json().path("role").asString()).isEqualTo("OPERATOR");
        Response viaHeader = exchange(HttpRequest.newBuilder(uri("/api/me")).header("X-API-Key", key).GET().build());
        assertThat(viaHeader.json().path("name").asString()).as("X-API-Key works too").isEqualTo("it-temporary");

        List<String> rows = jdbi.withHandle(h -> h.createQuery("select row_to_json(k)::text from api_key k").mapTo(String.class).list());
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
        for (String secret : List.of(key, viewerKey, operatorKey, ADMIN_KEY)) {
            assertThat(rows).noneMatch(row -> row.contains(secret) || row.contains(secret.substring(4)));
        }
        String storedHash = jdbi.withHandle(h -> h.createQuery("select key_hash from api_key where id = :id").bind("id", id)
                .mapTo(String.class).one());
        assertThat(storedHash).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8))));

        Response listed = get("/api/keys", ADMIN_KEY);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key.substring(4)).doesNotContain(ADMIN_KEY.substring(4));
        JsonNode temporary = listed.json().valueStream().filter(k -> k.path("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(temporary.has("key")).isFalse();
        assertThat(temporary.path("lastUsedAt").isNull()).as("its use above was recorded").isFalse();
        assertThat(temporary.path("createdBy").asString()).isEqualTo("bootstrap-admin");

        Response notAdmin = get("/api/keys", operatorKey);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().path("detail").asString()).isEqualTo("This endpoint needs role ADMIN; your key has OPERATOR");
        Response badRole = call("POST", "/api/keys", ADMIN_KEY, "{\"name\":\"x\",\"role\":\"ROOT\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().path("detail").asString()).contains("'role'");

        assertThat(call("DELETE", "/api/keys/" + id, ADMIN_KEY, null).status()).isEqualTo(204);
        Response revoked = get("/api/me", key);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().path("detail").asString()).isEqualTo(MISSING_KEY);
        assertThat(auditEntries(id)).containsExactly("bootstrap-admin|ADMIN|api_key.create", "bootstrap-admin|ADMIN|api_key.revoke");
        assertThat(call("DELETE", "/api/keys/" + unique("no-such-key"), ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void everyApiEndpointNeedsAKeyWithTheRightRole() {
        assertThat(get("/api/incidents", null).status()).isEqualTo(401);
        assertThat(get("/api/incidents", "snl_" + "0".repeat(40)).status()).as("an unknown key").isEqualTo(401);
        assertThat(get("/api/incidents", viewerKey).status()).isEqualTo(200);

        Response unknownIncident = get("/api/incidents/" + unique("inc"), viewerKey);
        assertThat(unknownIncident.status()).isEqualTo(404);
        assertThat(unknownIncident.json().path("detail").asString()).startsWith("No incident ");
        Response badState = get("/api/incidents?state=SLEEPING", viewerKey);
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.json().path("detail").asString()).contains("'state'");

        Response elsewhere = get("/api/secrets", ADMIN_KEY);
        assertThat(elsewhere.status()).as("what the API does not name is denied, even to an admin").isEqualTo(403);
        assertThat(elsewhere.json().path("detail").asString()).isEqualTo("Nothing is served at GET /api/secrets");
    }

    private String incidentOf(String approval) {
        return jdbi.withHandle(h -> h.createQuery("select incident_id from approval_view where approval_id = :id")
                .bind("id", approval).mapTo(String.class).one());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- events ---

    private static AnalysisCompleted analysis(String incident) {
        return new AnalysisCompleted(incident, "c", Analyst.HEURISTIC, null, "no LLM configured", "Memory grows without bound",
                List.of("memory_usage_ratio=0.734"), RELEASE_MEMORY, Risk.MEDIUM, 0.5, "shop", "production", LABELS, null, null, null);
    }


}
