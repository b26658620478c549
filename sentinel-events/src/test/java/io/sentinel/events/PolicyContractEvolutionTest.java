package io.sentinel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalEvent;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.decision.DecisionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fields N-of-M approvals and brakes added to decisions are optional: what was written before them
 * reads as it meant then, and the producers that still build the old shapes keep doing so. The brake's
 * release is an approval event about no incident, keyed so that releases stay in order.
 */
class PolicyContractEvolutionTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void anApprovalRequestWrittenBeforeNOfMApprovalsAsksForOneApproverAndNamesNoRequesterOrBrake() {
        ApprovalRequested read = (ApprovalRequested) codec.decode(utf8("""
                {"type": "ApprovalRequested", "incidentId": "inc-1", "causationId": "c", "approvalId": "ap-1",
                 "action": {"playbookId": "release-memory", "parameters": {}}, "risk": "MEDIUM", "requiredRole": "OPERATOR",
                 "expiresAt": "2026-11-23T18:05:35.860Z", "policyRule": "approve-medium", "rationale": "leak",
                 "resource": "shop-prod", "environment": "production"}"""), DecisionEvent.class);

        assertThat(read.requiredApprovals()).isEqualTo(1);
        assertThat(read.requestedBy()).isNull();
        assertThat(read.overriddenRule()).isNull();
        assertThat(read).as("the constructor older producers call means the same").isEqualTo(new ApprovalRequested("inc-1", "c", "ap-1",
                read.action(), Risk.MEDIUM, Role.OPERATOR, Instant.parse("2026-11-23T18:05:35.860Z"), "approve-medium", "leak", "shop-prod",
                "production", null));
    }

    @Test
    void anAuthorizationWrittenBeforeNOfMApprovalsHasItsOneApproverAsTheListOfApprovers() {
        ActionAuthorized read = (ActionAuthorized) codec.decode(utf8("""
                {"type": "ActionAuthorized", "incidentId": "inc-1", "causationId": "c",
                 "action": {"playbookId": "release-memory", "parameters": {}}, "risk": "MEDIUM", "approval": "HUMAN",
                 "approvedBy": "alice", "approvalId": "ap-1", "policyRule": "approve-medium", "resource": "shop-prod",
                 "environment": "production", "labels": {}}"""), DecisionEvent.class);

        assertThat(read.approvers()).containsExactly("alice");
        assertThat(read).isEqualTo(new ActionAuthorized("inc-1", "c", read.action(), Risk.MEDIUM, ApprovalMode.HUMAN, "alice", "ap-1",
                "approve-medium", "shop-prod", "production", Map.of(), null));
        assertThat(new ActionAuthorized("inc-1", "c", read.action(), Risk.LOW, ApprovalMode.AUTO, null, null, "auto-low", "shop-prod",
                "production", Map.of(), null).approvers()).as("nobody approved an automatic decision").isEmpty();
    }

    @Test
    void aRejectionOrExpiryWrittenBeforeTheyNamedTheRuleNamesNone() {
        ActionRejected rejected = (ActionRejected) codec.decode(utf8("""
                {"type": "ActionRejected", "incidentId": "inc-1", "causationId": "c", "approvalId": "ap-1", "rejectedBy": "bob"}"""),
                DecisionEvent.class);
        ApprovalExpired expired = (ApprovalExpired) codec.decode(utf8("""
                {"type": "ApprovalExpired", "incidentId": "inc-1", "causationId": "c", "approvalId": "ap-1",
                 "expiredAt": "2026-11-23T18:05:35.860Z"}"""), DecisionEvent.class);

        assertThat(rejected).isEqualTo(new ActionRejected("inc-1", "c", "ap-1", "bob", null));
        assertThat(rejected.policyRule()).isNull();
        assertThat(expired).isEqualTo(new ApprovalExpired("inc-1", "c", "ap-1", Instant.parse("2026-11-23T18:05:35.860Z")));
        assertThat(expired.policyRule()).isNull();
    }

    @Test
    void refusesApprovalCountsNobodyCouldMeanAndApproversOnAnAutomaticDecision() {
        ApprovalRequested sample = (ApprovalRequested) EventSamples.all().get(ApprovalRequested.class);
        for (int count : new int[] {0, -1, ApprovalRequested.MAX_REQUIRED_APPROVALS + 1}) {
            assertThatThrownBy(() -> new ApprovalRequested(sample.incidentId(), sample.causationId(), sample.approvalId(), sample.action(),
                    sample.risk(), sample.requiredRole(), sample.expiresAt(), sample.policyRule(), sample.rationale(), sample.resource(),
                    sample.environment(), sample.target(), count, null, null))
                    .hasMessage("field 'requiredApprovals' must be between 1 and 5, was " + count);
        }
        assertThatThrownBy(() -> new ActionAuthorized("inc-1", "c", sample.action(), Risk.LOW, ApprovalMode.AUTO, null, null, "auto-low",
                "shop-prod", "production", Map.of(), null, List.of("mallory")))
                .hasMessage("field 'approvers' must be empty for an automatic decision, was [mallory]");
    }

    @Test
    void aBrakeReleaseIsAboutNoIncidentAndIsKeyedSoThatReleasesStayInOrder() {
        BrakeReleased release = (BrakeReleased) EventSamples.all().get(BrakeReleased.class);
        var envelope = new EventEnvelope<>("id-1", "gateway", EventSamples.AT, TraceParent.root(), release);

        assertThat(envelope.key()).isEqualTo(BrakeReleased.KEY).isEqualTo("brake:global");
        assertThat(envelope.subject()).isNull();
        assertThat(envelope.topic()).isEqualTo(Topic.APPROVALS);
        assertThat(codec.headers(envelope)).doesNotContainKey(CloudEventHeaders.SUBJECT);
        assertThat(codec.read(Topic.APPROVALS, ApprovalEvent.class, codec.headers(envelope)::get, codec.encode(release))).isEqualTo(envelope);
    }

    @Test
    void aVoteIsStillKeyedByItsIncident() {
        ApprovalVoteCast vote = (ApprovalVoteCast) EventSamples.all().get(ApprovalVoteCast.class);
        var envelope = new EventEnvelope<>("id-2", "gateway", EventSamples.AT, TraceParent.root(), vote);

        assertThat(envelope.key()).isEqualTo(EventSamples.INCIDENT);
        assertThat(envelope.subject()).isEqualTo(EventSamples.INCIDENT);
        assertThat(vote).isInstanceOf(IncidentScoped.class);
    }

    @Test
    void refusesABrakeReleaseWithoutAReleaserOrWithAnEssayForAReason() {
        assertThatThrownBy(() -> codec.decode(utf8("""
                {"type": "BrakeReleased", "releaseId": "r-1", "reason": "fixed", "releasedAt": "2026-11-23T14:05:35Z",
                 "releaserRoles": ["ADMIN"]}"""), ApprovalEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessage("BrakeReleased is invalid: missing required field 'releasedBy'");
        assertThatThrownBy(() -> new BrakeReleased("r-1", "ada", "x".repeat(BrakeReleased.MAX_REASON_LENGTH + 1), EventSamples.AT,
                Set.of(Role.ADMIN))).hasMessage("field 'reason' must be at most 1000 characters, was 1001");
        assertThat(new BrakeReleased("r-1", "ada", "fixed", EventSamples.AT, null).releaserRoles())
                .as("no roles: the policy service refuses it").isEmpty();
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
