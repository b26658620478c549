package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.approval.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code POST /api/brake/release}: an admin's word, audited, published for the policy service to re-check and apply. */
class BrakeReleaseIntegrationTest extends GatewayApiTest {

    @Test
    void anAdminReleasesTheBrakeAndThePolicyServiceIsTold() {
        String reason = unique("the failing deploy was rolled back");
        Response released = post("/api/brake/release", ADMIN_KEY, "{\"reason\":\"" + reason + "\"}");

        assertThat(released.status()).isEqualTo(202);
        String releaseId = released.json().path("releaseId").asString();
        assertThat(released.json().path("releasedBy").asString()).isEqualTo("bootstrap-admin");
        BrakeReleased event = probe.await(BrakeReleased.class, r -> r.releaseId().equals(releaseId), WAIT);
        assertThat(event.releasedBy()).isEqualTo("bootstrap-admin");
        assertThat(event.reason()).isEqualTo(reason);
        assertThat(event.releaserRoles()).isEqualTo(Set.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN));
        EventEnvelope<?> envelope = probe.envelopes(BrakeReleased.class).stream()
                .filter(e -> ((BrakeReleased) e.event()).releaseId().equals(releaseId)).findFirst().orElseThrow();
        assertThat(envelope.source()).isEqualTo("gateway");
        assertThat(envelope.id()).as("the release's id is its event's").isEqualTo(releaseId);
        assertThat(envelope.key()).isEqualTo(BrakeReleased.KEY);
        assertThat(auditOf(releaseId)).containsExactly("bootstrap-admin|ADMIN|brake.release");
    }

    @Test
    void onlyAnAdminWithAReasonReleasesIt() {
        String marker = unique("released by a signed-in admin");
        List<String> refused = List.of(unique("by an operator"), unique("by a signed-in operator"), unique("anonymously"));
        assertThat(post("/api/brake/release", operatorKey, "{\"reason\":\"" + refused.get(0) + "\"}").status()).isEqualTo(403);
        Response operator = post("/api/brake/release", StandIns.token("it-sso-op", "sentinel-operator"), "{\"reason\":\"" + refused.get(1) + "\"}");
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.detail()).isEqualTo("This endpoint needs role ADMIN; your token has OPERATOR");
        assertThat(post("/api/brake/release", null, "{\"reason\":\"" + refused.get(2) + "\"}").status()).isEqualTo(401);
        for (String body : List.of("{}", "{\"reason\":\"  \"}", "{\"reason\":\"" + "x".repeat(1001) + "\"}", "{\"reason\":[\"x\"]}", "")) {
            Response bad = call("POST", "/api/brake/release", ADMIN_KEY, body.isEmpty() ? null : body);
            assertThat(bad.status()).as(body).isEqualTo(400);
        }
        assertThat(call("POST", "/api/brake/release", ADMIN_KEY, "{\"reason\":\"\"}").detail())
                .isEqualTo("field 'reason' is required: say why it is safe to let actions run alone again");

        Response byToken = post("/api/brake/release", StandIns.token("it-sso-ada", "sentinel-admin"), "{\"reason\":\"" + marker + "\"}");
        assertThat(byToken.status()).isEqualTo(202);
        BrakeReleased event = probe.await(BrakeReleased.class, r -> r.reason().equals(marker), WAIT);
        assertThat(event.releasedBy()).isEqualTo("it-sso-ada");
        assertThat(auditOf(event.releaseId())).containsExactly("it-sso-ada|ADMIN|brake.release");
        assertThat(probe.events(BrakeReleased.class)).noneMatch(r -> refused.contains(r.reason()));
    }

    private List<String> auditOf(String releaseId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select actor || '|' || coalesce(actor_role, '') || '|' || action from audit_log
                        where target = 'brake:global' and detail ->> 'releaseId' = :releaseId order by at""")
                .bind("releaseId", releaseId).mapTo(String.class).list());
    }
}
