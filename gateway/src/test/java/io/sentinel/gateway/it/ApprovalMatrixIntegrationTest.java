package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Role × risk × channel, every cell asserted: a viewer, an operator and an admin approve or reject a
 * medium-risk action (operator required) and a high-risk one (admin required) through an API key, a
 * Slack button and a signed-in token. The gateway takes exactly the votes the role allows, whatever the
 * channel, and publishes each with the voter's roles, which the policy service checks against the risk
 * again (low risk runs without approval, critical never: neither reaches a vote).
 */
class ApprovalMatrixIntegrationTest extends GatewayApiTest {

    enum Via { API_KEY, SLACK, SSO }

    private static final Map<Role, String> KEYS = new EnumMap<>(Role.class);
    private static final Map<Role, String> SLACK_USERS = new EnumMap<>(Role.class);

    @BeforeEach
    void peoplePerRoleAndChannel() {
        if (KEYS.isEmpty()) {
            for (Role role : Role.values()) {
                KEYS.put(role, createKey(name(Via.API_KEY, role), role.name()).path("key").asString());
                String slackUser = slackUser();
                mapSlackUser(slackUser, name(Via.SLACK, role), role.name());
                SLACK_USERS.put(role, slackUser);
            }
        }
    }

    @ParameterizedTest(name = "{0} risk, {1}")
    @CsvSource({"MEDIUM, approve", "MEDIUM, reject", "HIGH, approve", "HIGH, reject"})
    void everyChannelTakesExactlyTheVotesTheRoleAllows(Risk risk, String decision) {
        String approval = unique("ap-mx");
        awaitPendingApproval(unique("inc-mx"), approval, risk);
        Role required = risk == Risk.HIGH ? Role.ADMIN : Role.OPERATOR;

        Map<String, Set<Role>> expectedVotes = new LinkedHashMap<>();
        for (Via via : Via.values()) {
            for (Role role : Role.values()) {
                boolean allowed = role.includes(required);
                castAndAssert(via, role, approval, decision, required, allowed);
                if (allowed) {
                    expectedVotes.put(name(via, role), EnumSet.range(Role.VIEWER, role));
                }
            }
        }

        // A marker vote last: once it is published, every vote before it on this approval is too (one key, one partition).
        assertThat(post("/api/approvals/" + approval, ADMIN_KEY, "{\"decision\":\"approve\"}").status()).isEqualTo(202);
        probe.await(ApprovalVoteCast.class, v -> v.approvalId().equals(approval) && v.voter().equals("bootstrap-admin"), WAIT);
        Map<String, ApprovalVoteCast> published = probe.events(ApprovalVoteCast.class).stream()
                .filter(v -> v.approvalId().equals(approval) && !v.voter().equals("bootstrap-admin"))
                .collect(Collectors.toMap(ApprovalVoteCast::voter, v -> v));
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(expectedVotes.keySet());
        Vote vote = decision.equals("approve") ? Vote.APPROVE : Vote.REJECT;
        expectedVotes.forEach((voter, roles) -> {
            assertThat(published.get(voter).voterRoles()).as("roles of %s", voter).isEqualTo(roles);
            assertThat(published.get(voter).vote()).as("vote of %s", voter).isEqualTo(vote);
        });
    }

    private void castAndAssert(Via via, Role role, String approval, String decision, Role required, boolean allowed) {
        String cell = via + " × " + role + " on an approval needing " + required;
        String credential = via == Via.SSO ? "your token" : "your key";
        switch (via) {
            case API_KEY, SSO -> {
                String caller = via == Via.API_KEY ? KEYS.get(role) : StandIns.token(name(via, role), "sentinel-" + role.name().toLowerCase(Locale.ROOT));
                Response response = post("/api/approvals/" + approval, caller, "{\"decision\":\"" + decision + "\"}");
                if (allowed) {
                    assertThat(response.status()).as(cell).isEqualTo(202);
                    assertThat(response.json().path("voter").asString()).as(cell).isEqualTo(name(via, role));
                } else if (role == Role.VIEWER) {
                    assertThat(response.status()).as(cell).isEqualTo(403);
                    assertThat(response.detail()).as(cell).isEqualTo("This endpoint needs role OPERATOR; " + credential + " has VIEWER");
                } else {
                    assertThat(response.status()).as(cell).isEqualTo(403);
                    assertThat(response.detail()).as(cell).isEqualTo("This approval needs role " + required + "; " + credential + " has " + role);
                }
            }
            case SLACK -> {
                Response response = pressInSlack(SLACK_USERS.get(role), decision, approval, StandIns.responseUrl());
                assertThat(response.status()).as(cell).isEqualTo(200);
                JsonNode reply = response.json();
                if (allowed) {
                    assertThat(reply.path("replace_original").asBoolean()).as(cell).isTrue();
                    assertThat(reply.path("text").asString()).as(cell).contains(name(via, role) + " " + (decision.equals("approve") ? "approved" : "rejected") + " approval " + approval);
                } else {
                    assertThat(reply.path("response_type").asString()).as(cell).isEqualTo("ephemeral");
                    assertThat(reply.path("text").asString()).as(cell).startsWith("You are not allowed to vote");
                }
            }
        }
    }

    private static String name(Via via, Role role) {
        return "mx-" + via.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + role.name().toLowerCase(Locale.ROOT);
    }
}
