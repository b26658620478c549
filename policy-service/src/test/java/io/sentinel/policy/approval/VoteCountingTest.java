package io.sentinel.policy.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.VoteVerdict.Approve;
import io.sentinel.policy.approval.VoteVerdict.Counted;
import io.sentinel.policy.approval.VoteVerdict.Ignore;
import io.sentinel.policy.approval.VoteVerdict.Refuse;
import io.sentinel.policy.approval.VoteVerdict.Reject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether a vote counts, and what it does, for one approver and for N of M: pure, without Kafka or PostgreSQL. */
class VoteCountingTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant EXPIRES = T0.plusSeconds(3600);
    private static final TargetRef SHOP_PROD = new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"), null);
    private static final List<CountedVote> NONE = List.of();

    static Stream<Arguments> votes() {
        return Stream.of(
                Arguments.of("an operator approves an operator's request", request(Role.OPERATOR, 1, null), NONE, "inc-1", "alice",
                        Set.of(Role.OPERATOR), Vote.APPROVE, T0, Approve.class),
                Arguments.of("an operator rejects an operator's request", request(Role.OPERATOR, 1, null), NONE, "inc-1", "alice",
                        Set.of(Role.OPERATOR), Vote.REJECT, T0, Reject.class),
                Arguments.of("an admin may decide what an operator may", request(Role.OPERATOR, 1, null), NONE, "inc-1", "alice",
                        Set.of(Role.ADMIN), Vote.APPROVE, T0, Approve.class),
                Arguments.of("one sufficient role among several is enough", request(Role.ADMIN, 1, null), NONE, "inc-1", "alice",
                        Set.of(Role.VIEWER, Role.ADMIN), Vote.APPROVE, T0, Approve.class),
                Arguments.of("a viewer may not approve", request(Role.OPERATOR, 1, null), NONE, "inc-1", "alice", Set.of(Role.VIEWER),
                        Vote.APPROVE, T0, new Refuse("voter 'alice' has roles [VIEWER], none of which includes OPERATOR")),
                Arguments.of("an operator may not approve what needs an admin", request(Role.ADMIN, 1, null), NONE, "inc-1", "alice",
                        Set.of(Role.OPERATOR), Vote.APPROVE, T0, new Refuse("voter 'alice' has roles [OPERATOR], none of which includes ADMIN")),
                Arguments.of("a viewer may not reject either", request(Role.OPERATOR, 1, null), NONE, "inc-1", "alice", Set.of(Role.VIEWER),
                        Vote.REJECT, T0, new Refuse("voter 'alice' has roles [VIEWER], none of which includes OPERATOR")),
                Arguments.of("an unknown voter, without any role, may not vote", request(Role.OPERATOR, 1, null), NONE, "inc-1", "nobody",
                        Set.of(), Vote.APPROVE, T0, new Refuse("voter 'nobody' has roles [], none of which includes OPERATOR")),
                Arguments.of("a decided request stays decided", request(Role.OPERATOR, 1, null, ApprovalStatus.APPROVED), NONE, "inc-1",
                        "alice", Set.of(Role.ADMIN), Vote.REJECT, T0, new Ignore("the approval is already APPROVED")),
                Arguments.of("an expired request runs nothing", request(Role.OPERATOR, 1, null, ApprovalStatus.EXPIRED), NONE, "inc-1",
                        "alice", Set.of(Role.ADMIN), Vote.APPROVE, T0, new Ignore("the approval is already EXPIRED")),
                Arguments.of("a vote after the expiry runs nothing even before the expiry job has run", request(Role.OPERATOR, 1, null),
                        NONE, "inc-1", "alice", Set.of(Role.ADMIN), Vote.APPROVE, EXPIRES,
                        new Ignore("the approval expired at " + EXPIRES + "; a late vote runs nothing")),
                Arguments.of("a vote naming another incident does not count", request(Role.OPERATOR, 1, null), NONE, "inc-2", "alice",
                        Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        new Ignore("the vote names incident inc-2 but the approval belongs to incident inc-1")),
                Arguments.of("the first of two approvals counts but decides nothing", request(Role.ADMIN, 2, null), NONE, "inc-1", "alice",
                        Set.of(Role.ADMIN), Vote.APPROVE, T0, new Counted(1, 2)),
                Arguments.of("the second person's approval decides", request(Role.ADMIN, 2, null), votes("alice"), "inc-1", "bob",
                        Set.of(Role.ADMIN), Vote.APPROVE, T0, Approve.class),
                Arguments.of("the same person approving twice counts once", request(Role.ADMIN, 2, null), votes("alice"), "inc-1", "alice",
                        Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        new Ignore("voter 'alice' has voted on this approval before; each person counts once")),
                Arguments.of("nor may they change their mind", request(Role.ADMIN, 2, null), votes("alice"), "inc-1", "alice",
                        Set.of(Role.ADMIN), Vote.REJECT, T0,
                        new Ignore("voter 'alice' has voted on this approval before; each person counts once")),
                Arguments.of("one rejection rejects however many approved before", request(Role.ADMIN, 3, null), votes("alice", "bob"),
                        "inc-1", "carol", Set.of(Role.ADMIN), Vote.REJECT, T0, Reject.class),
                Arguments.of("a refused voter's role is checked before anything is counted", request(Role.ADMIN, 2, null), votes("alice"),
                        "inc-1", "olga", Set.of(Role.OPERATOR), Vote.APPROVE, T0,
                        new Refuse("voter 'olga' has roles [OPERATOR], none of which includes ADMIN")),
                Arguments.of("the requester of a manual run cannot approve it", request(Role.OPERATOR, 1, "carol"), NONE, "inc-1", "carol",
                        Set.of(Role.ADMIN), Vote.APPROVE, T0, new Refuse("voter 'carol' requested the action and cannot approve it")),
                Arguments.of("but may withdraw it", request(Role.OPERATOR, 1, "carol"), NONE, "inc-1", "carol", Set.of(Role.OPERATOR),
                        Vote.REJECT, T0, Reject.class),
                Arguments.of("others approve what the requester asked for", request(Role.OPERATOR, 1, "carol"), NONE, "inc-1", "dave",
                        Set.of(Role.OPERATOR), Vote.APPROVE, T0, Approve.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("votes")
    void decidesWhetherAVoteCountsAndWhatItDoes(String scenario, ApprovalRequest request, List<CountedVote> earlier, String incidentId,
                                                String voter, Set<Role> roles, Vote vote, Instant now, Object expected) {
        var cast = new ApprovalVoteCast(incidentId, "requested-1", request.approvalId(), voter, roles, vote, null, now);

        VoteVerdict verdict = VoteCounting.count(request, earlier, cast, "vote-1", now);

        if (expected instanceof Class<?> decides) {
            assertThat(verdict).isInstanceOf(decides);
        } else {
            assertThat(verdict).isEqualTo(expected);
        }
    }

    @Test
    void anApprovalAuthorizesExactlyWhatWasApprovedCausedByTheDecidingVote() {
        ApprovalRequest request = request(Role.OPERATOR, 1, null);
        var vote = new ApprovalVoteCast("inc-1", "requested-1", request.approvalId(), "alice", Set.of(Role.OPERATOR), Vote.APPROVE, null, T0);

        VoteVerdict verdict = VoteCounting.count(request, NONE, vote, "vote-1", T0);

        assertThat(verdict).isEqualTo(new Approve(new ActionAuthorized("inc-1", "vote-1", new ProposedAction("release-memory",
                Map.of("reason", "sentinel")), Risk.MEDIUM, ApprovalMode.HUMAN, "alice", "approval-1", "approve-medium", "shop", "production",
                Map.of("environment", "production"), SHOP_PROD, List.of("alice"))));
        assertThat(((Approve) verdict).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void twoApprovalsAuthorizeNamingBothApproversInTheOrderTheyCounted() {
        ApprovalRequest request = request(Role.ADMIN, 2, null);
        var second = new ApprovalVoteCast("inc-1", "requested-1", request.approvalId(), "bob", Set.of(Role.ADMIN), Vote.APPROVE, null, T0);

        VoteVerdict verdict = VoteCounting.count(request, votes("alice"), second, "vote-2", T0);

        assertThat(verdict).isInstanceOfSatisfying(Approve.class, approve -> {
            assertThat(approve.decision().approvers()).containsExactly("alice", "bob");
            assertThat(approve.decision().approvedBy()).isEqualTo("alice, bob");
            assertThat(approve.decidedBy()).isEqualTo("alice, bob");
            assertThat(approve.decision().causationId()).isEqualTo("vote-2");
        });
    }

    @Test
    void aRejectionCarriesTheVotersComment() {
        ApprovalRequest request = request(Role.OPERATOR, 1, null);
        var vote = new ApprovalVoteCast("inc-1", "requested-1", request.approvalId(), "bob", Set.of(Role.ADMIN), Vote.REJECT, "a deploy", T0);

        VoteVerdict verdict = VoteCounting.count(request, NONE, vote, "vote-2", T0);

        assertThat(verdict).isEqualTo(new Reject(new ActionRejected("inc-1", "vote-2", "approval-1", "bob", "a deploy", "approve-medium")));
        assertThat(((Reject) verdict).status()).isEqualTo(ApprovalStatus.REJECTED);
    }

    private static List<CountedVote> votes(String... approvers) {
        return Stream.of(approvers).map(voter -> new CountedVote(voter, Vote.APPROVE)).toList();
    }

    private static ApprovalRequest request(Role requiredRole, int approvals, String requestedBy) {
        return request(requiredRole, approvals, requestedBy, ApprovalStatus.PENDING);
    }

    private static ApprovalRequest request(Role requiredRole, int approvals, String requestedBy, ApprovalStatus status) {
        return new ApprovalRequest("approval-1", "inc-1", "release-memory", Map.of("reason", "sentinel"), Risk.MEDIUM, "production", "shop",
                Map.of("environment", "production"), requiredRole, "approve-medium", status, EXPIRES, null, null,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "analysis-1", "requested-1", SHOP_PROD, approvals, requestedBy,
                null);
    }
}
