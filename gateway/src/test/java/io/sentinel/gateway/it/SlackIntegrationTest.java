package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.gateway.slack.SlackSignature;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Slack's Approve and Reject buttons over real HTTP, with Slack's signatures, against real Kafka and
 * PostgreSQL; WireMock plays the {@code response_url} the gateway answers on.
 */
class SlackIntegrationTest extends GatewayApiTest {

    @Test
    void aMappedOperatorsPressIsTheSameVoteAsOneThroughTheApi() {
        String slackUser = slackUser();
        mapSlackUser(slackUser, "it-slack-carol", "OPERATOR");
        String incident = unique("inc");
        String approval = unique("ap");
        var request = awaitPendingApproval(incident, approval, Risk.MEDIUM);
        String responseUrl = StandIns.responseUrl();

        Response pressed = pressInSlack(slackUser, "approve", approval, responseUrl);

        assertThat(pressed.status()).isEqualTo(200);
        assertThat(pressed.json().path("replace_original").asBoolean()).isTrue();
        ApprovalVoteCast vote = probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval), WAIT);
        assertThat(vote.voter()).isEqualTo("it-slack-carol");
        assertThat(vote.voterRoles()).isEqualTo(Set.of(Role.VIEWER, Role.OPERATOR));
        assertThat(vote.vote()).isEqualTo(Vote.APPROVE);
        assertThat(vote.causationId()).isEqualTo(request.id());
        assertThat(auditEntries(approval)).containsExactly("it-slack-carol|OPERATOR|approval.vote");
        assertThat(auditDetail(approval).path("via").asString()).isEqualTo("slack");

        JsonNode update = JSON.readTree(awaitPosted(responseUrl).getFirst());
        assertThat(update.path("replace_original").asBoolean()).isTrue();
        assertThat(update.path("text").asString()).isEqualTo(":white_check_mark: it-slack-carol approved approval " + approval + " (incident "
                + incident + "). Sentinel's policy service decides whether the action runs.");
        assertThat(update.has("blocks")).as("one approval was needed: the buttons go").isFalse();
        awaitIncident(incident, i -> summaries(i).contains("it-slack-carol voted approve"));

        Response again = pressInSlack(slackUser, "reject", approval, responseUrl);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(again.json().path("text").asString()).isEqualTo("You voted on this already (approve); each person votes once.");
        assertThat(post("/api/approvals/" + approval, null, "{}").status()).isEqualTo(401);
        assertThat(votesOn(approval)).containsExactly("it-slack-carol");
    }

    @Test
    void anUnmappedOrViewerUserIsToldPrivatelyNothingIsVotedAndTheAttemptIsAudited() {
        String stranger = slackUser();
        String viewer = slackUser();
        mapSlackUser(viewer, "it-slack-victor", "VIEWER");
        String approval = unique("ap");
        awaitPendingApproval(unique("inc"), approval, Risk.MEDIUM);
        String strangersUrl = StandIns.responseUrl();
        String viewersUrl = StandIns.responseUrl();

        Response unmapped = pressInSlack(stranger, "approve", approval, strangersUrl);
        assertThat(unmapped.status()).isEqualTo(200);
        assertThat(unmapped.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(unmapped.json().path("replace_original").asBoolean()).isFalse();
        assertThat(unmapped.json().path("text").asString()).startsWith("You are not allowed to vote in Sentinel: your Slack user ("
                + stranger + ") is not mapped to a person.");
        Response tooLow = pressInSlack(viewer, "reject", approval, viewersUrl);
        assertThat(tooLow.status()).isEqualTo(200);
        assertThat(tooLow.json().path("text").asString()).isEqualTo("You are not allowed to vote, it-slack-victor: your role is VIEWER, "
                + "and approving or rejecting needs OPERATOR or ADMIN.");

        assertThat(JSON.readTree(awaitPosted(strangersUrl).getFirst()).path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(JSON.readTree(awaitPosted(viewersUrl).getFirst()).path("replace_original").asBoolean()).isFalse();
        assertThat(auditEntries(approval)).containsExactly("slack:" + stranger + "||approval.vote.refused",
                "it-slack-victor|VIEWER|approval.vote.refused");

        // Nothing voted: the marker vote after them is the only one on the approval.
        assertThat(post("/api/approvals/" + approval, ADMIN_KEY, "{\"decision\":\"approve\"}").status()).isEqualTo(202);
        probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval) && v.voter().equals("bootstrap-admin"), WAIT);
        assertThat(probe.events(ApprovalVoteCast.class).stream().filter(v -> v.approvalId().equals(approval)).map(ApprovalVoteCast::voter))
                .containsExactly("bootstrap-admin");
    }

    @Test
    void refusesWhatSlackDidNotSignNowAndOnce() {
        String slackUser = slackUser();
        mapSlackUser(slackUser, "it-slack-olga", "OPERATOR");
        String approval = unique("ap");
        awaitPendingApproval(unique("inc"), approval, Risk.MEDIUM);
        String body = buttonPress(slackUser, "approve", approval, StandIns.responseUrl());
        String now = Long.toString(Instant.now().getEpochSecond());
        String signature = SLACK.sign(now, bytes(body));

        Response tampered = slack(body.replace("approve", "reject"), now, signature);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.contentType()).startsWith("application/problem+json");
        assertThat(tampered.detail()).isEqualTo("Not a request from Slack: X-Slack-Signature does not match the body");

        var otherSecret = new SlackSignature("not-the-apps-signing-secret");
        assertThat(slack(body, now, otherSecret.sign(now, bytes(body))).status()).as("another secret").isEqualTo(401);

        String old = Long.toString(Instant.now().minusSeconds(6 * 60).getEpochSecond());
        Response stale = slack(body, old, SLACK.sign(old, bytes(body)));
        assertThat(stale.status()).as("signed six minutes ago").isEqualTo(401);
        assertThat(stale.detail()).isEqualTo("Not a request from Slack: X-Slack-Request-Timestamp is more than 5 minutes from now");
        String future = Long.toString(Instant.now().plusSeconds(6 * 60).getEpochSecond());
        assertThat(slack(body, future, SLACK.sign(future, bytes(body))).status()).as("signed for six minutes ahead").isEqualTo(401);

        assertThat(slack(body, null, signature).detail()).isEqualTo("Not a request from Slack: missing header X-Slack-Request-Timestamp");
        assertThat(slack(body, now, null).detail()).isEqualTo("Not a request from Slack: missing header X-Slack-Signature");

        Response first = slack(body, now, signature);
        assertThat(first.status()).isEqualTo(200);
        Response replayed = slack(body, now, signature);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.detail()).isEqualTo("Not taken: this request (its signature) was received before; Slack sends each once");
        Response replayedInCapitals = slack(body, now, "v0=" + signature.substring(3).toUpperCase());
        assertThat(replayedInCapitals.status()).as("the same signature in capitals is the same signature").isEqualTo(401);

        probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval), WAIT);
        assertThat(post("/api/approvals/" + approval, ADMIN_KEY, "{\"decision\":\"approve\"}").status()).isEqualTo(202);
        probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval) && v.voter().equals("bootstrap-admin"), WAIT);
        assertThat(votesOn(approval)).as("one vote from all those requests, and the marker").containsExactly("it-slack-olga", "bootstrap-admin");
        assertThat(probe.events(ApprovalVoteCast.class).stream().filter(v -> v.approvalId().equals(approval))).hasSize(2);
    }

    @Test
    void refusesOversizedMalformedAndMislabelledRequests() {
        String huge = "payload=" + "x".repeat(70_000);
        Response oversized = slack(huge);
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.detail()).isEqualTo("Slack interaction larger than 65536 bytes (sentinel.gateway.slack.max-body-bytes)");

        Response notJson = slack("payload=%7Bnot-json");
        assertThat(notJson.status()).as("signed, but not a payload").isEqualTo(400);
        assertThat(notJson.detail()).startsWith("Slack interaction not understood: the form field 'payload' is not JSON");
        assertThat(slack("token=abc").detail()).isEqualTo("Slack interaction not understood: the form field 'payload' is missing");

        String body = buttonPress(slackUser(), "approve", unique("ap"), StandIns.responseUrl());
        String now = Long.toString(Instant.now().getEpochSecond());
        Response json = exchange(HttpRequest.newBuilder(uri("/api/slack/interactions")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", SLACK.sign(now, bytes(body))).build());
        assertThat(json.status()).as("Slack posts forms").isEqualTo(415);
    }

    @Test
    void answersOtherInteractionsAndButtonsWithoutVoting() {
        String slackUser = slackUser();
        mapSlackUser(slackUser, "it-slack-otto", "OPERATOR");
        String approval = unique("ap");
        awaitPendingApproval(unique("inc"), approval, Risk.MEDIUM);

        Response shortcut = slack("payload=" + URLEncoder.encode("{\"type\":\"shortcut\",\"user\":{\"id\":\"" + slackUser + "\"}}",
                StandardCharsets.UTF_8));
        assertThat(shortcut.status()).isEqualTo(200);
        assertThat(shortcut.json().path("text").asString()).isEqualTo("Sentinel answers only the Approve and Reject buttons of its approval messages.");
        Response otherButton = pressInSlack(slackUser, "escalate", approval, StandIns.responseUrl());
        assertThat(otherButton.status()).isEqualTo(200);
        assertThat(otherButton.json().path("response_type").asString()).isEqualTo("ephemeral");
        Response unknownApproval = pressInSlack(slackUser, "approve", unique("no-such-approval"), StandIns.responseUrl());
        assertThat(unknownApproval.json().path("text").asString()).startsWith("Sentinel knows no approval ");
        assertThat(votesOn(approval)).isEmpty();
    }

    @Test
    void neverCallsAResponseUrlOffTheAllowedOrigins() {
        String slackUser = slackUser();
        mapSlackUser(slackUser, "it-slack-rita", "OPERATOR");
        String approval = unique("ap");
        awaitPendingApproval(unique("inc"), approval, Risk.MEDIUM);
        // The same stand-in server, named by another host: not the allowed origin (http://127.0.0.1:<port>).
        String elsewhere = StandIns.responseUrl().replace("127.0.0.1", "localhost");
        String allowed = StandIns.responseUrl();

        assertThat(pressInSlack(slackUser, "approve", approval, elsewhere).status()).isEqualTo(200);
        probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval), WAIT);
        assertThat(pressInSlack(slackUser, "approve", approval, allowed).status()).as("a marker reply after it").isEqualTo(200);
        awaitPosted(allowed);
        assertThat(StandIns.postedTo(elsewhere)).isEmpty();
    }

    @Test
    void keepsTheButtonsForTheNextApproverWhenARuleNeedsSeveral() {
        String slackUser = slackUser();
        mapSlackUser(slackUser, "it-slack-nina", "ADMIN");
        String incident = unique("inc");
        String approval = unique("ap");
        Instant t = Instant.now();
        var trace = TraceParent.root();
        send(opened(incident, t), t, trace, "detector");
        send(new ApprovalRequested(incident, "c", approval, RELEASE_MEMORY, Risk.HIGH, Role.ADMIN,
                t.plusSeconds(3600), "approve-high-two", "Memory grows without bound", "shop", "production", null, 2, null, null),
                t.plusMillis(5), trace, "policy");
        awaitIncident(incident, i -> i.path("approvals").size() == 1);
        String responseUrl = StandIns.responseUrl();

        assertThat(pressInSlack(slackUser, "approve", approval, responseUrl).status()).isEqualTo(200);
        JsonNode update = JSON.readTree(awaitPosted(responseUrl).getFirst());
        assertThat(update.path("replace_original").asBoolean()).isTrue();
        assertThat(update.path("text").asString()).contains("it needs 2 approvals in all");
        assertThat(update.path("blocks").get(0).path("elements").valueStream().map(e -> e.path("action_id").asString()))
                .containsExactly("approve", "reject");
        assertThat(update.path("blocks").get(1).path("type").asString()).isEqualTo("context");
    }

    @Test
    void onlyAnAdminMapsSlackUsersAndEveryChangeIsAudited() {
        String slackUser = slackUser();
        String body = "{\"provider\":\"slack\",\"subject\":\"" + slackUser + "\",\"name\":\"it-slack-dora\",\"role\":\"OPERATOR\"}";
        assertThat(post("/api/identities", operatorKey, body).status()).isEqualTo(403);
        assertThat(post("/api/identities", null, body).status()).isEqualTo(401);
        assertThat(get("/api/identities", operatorKey).status()).isEqualTo(403);

        Response created = post("/api/identities", ADMIN_KEY, body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("name").asString()).isEqualTo("it-slack-dora");
        assertThat(created.json().path("role").asString()).isEqualTo("OPERATOR");
        Response changed = post("/api/identities", ADMIN_KEY, body.replace("OPERATOR", "ADMIN"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("role").asString()).isEqualTo("ADMIN");
        JsonNode listed = get("/api/identities", ADMIN_KEY).json().valueStream()
                .filter(i -> i.path("subject").asString().equals(slackUser)).findFirst().orElseThrow();
        assertThat(listed.path("provider").asString()).isEqualTo("slack");
        assertThat(listed.path("createdBy").asString()).isEqualTo("bootstrap-admin");

        for (String bad : List.of("{\"provider\":\"github\",\"subject\":\"U1\",\"name\":\"x\",\"role\":\"ADMIN\"}",
                "{\"provider\":\"slack\",\"subject\":\"alice\",\"name\":\"x\",\"role\":\"ADMIN\"}",
                "{\"provider\":\"slack\",\"subject\":\"U123ABC\",\"name\":\"x y\",\"role\":\"ADMIN\"}",
                "{\"provider\":\"slack\",\"subject\":\"U123ABC\",\"name\":\"x\",\"role\":\"ROOT\"}", "{}")) {
            assertThat(post("/api/identities", ADMIN_KEY, bad).status()).as(bad).isEqualTo(400);
        }

        assertThat(call("DELETE", "/api/identities/slack/" + slackUser, operatorKey, null).status()).isEqualTo(403);
        assertThat(call("DELETE", "/api/identities/slack/" + slackUser, ADMIN_KEY, null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/api/identities/slack/" + slackUser, ADMIN_KEY, null).status()).isEqualTo(404);
        assertThat(auditEntries("slack:" + slackUser)).containsExactly("bootstrap-admin|ADMIN|identity.create",
                "bootstrap-admin|ADMIN|identity.update", "bootstrap-admin|ADMIN|identity.delete");
    }

    private JsonNode auditDetail(String target) {
        String detail = jdbi.withHandle(h -> h.createQuery("select detail::text from audit_log where target = :target order by at desc limit 1")
                .bind("target", target).mapTo(String.class).one());
        return JSON.readTree(detail);
    }

    private static List<String> awaitPosted(String responseUrl) {
        return await().atMost(WAIT).until(() -> StandIns.postedTo(responseUrl), posted -> !posted.isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
