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

/** Whether a vote counts, and the decision it makes: pure, without Kafka or PostgreSQL. */
class VoteCountingTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant EXPIRES = T0.plusSeconds(3600);
    private static final TargetRef SHOP_PROD = new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"), null);

    static Stream<Arguments> votes() {
        return Stream.of(
                Arguments.of("an operator approves an operator's request",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.OPERATOR), Vote.APPROVE, T0,
                        Approve.class),
                Arguments.of("an operator rejects an operator's request",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.OPERATOR), Vote.REJECT, T0,
                        Reject.class),
                Arguments.of("an admin may decide what an operator may",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        Approve.class),
                Arguments.of("one sufficient role among several is enough",
                        request(Role.ADMIN, ApprovalStatus.PENDING), "inc-1", Set.of(Role.VIEWER, Role.ADMIN), Vote.APPROVE, T0,
                        Approve.class),
                Arguments.of("a viewer may not approve",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.VIEWER), Vote.APPROVE, T0,
                        new VoteVerdict.Refuse("voter 'alice' has roles [VIEWER], none of which includes OPERATOR")),
                Arguments.of("an operator may not approve what needs an admin",
                        request(Role.ADMIN, ApprovalStatus.PENDING), "inc-1", Set.of(Role.OPERATOR), Vote.APPROVE, T0,
                        new VoteVerdict.Refuse("voter 'alice' has roles [OPERATOR], none of which includes ADMIN")),
                Arguments.of("a viewer may not reject either",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.VIEWER), Vote.REJECT, T0,
                        new VoteVerdict.Refuse("voter 'alice' has roles [VIEWER], none of which includes OPERATOR")),
                Arguments.of("someone without any role may not vote",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(), Vote.APPROVE, T0,
                        new VoteVerdict.Refuse("voter 'alice' has roles [], none of which includes OPERATOR")),
                Arguments.of("a decided request stays decided",
                        request(Role.OPERATOR, ApprovalStatus.APPROVED), "inc-1", Set.of(Role.ADMIN), Vote.REJECT, T0,
                        new VoteVerdict.Ignore("the approval is already APPROVED")),
                Arguments.of("an expired request runs nothing",
                        request(Role.OPERATOR, ApprovalStatus.EXPIRED), "inc-1", Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        new VoteVerdict.Ignore("the approval is already EXPIRED")),
                Arguments.of("a vote after the expiry runs nothing even before the expiry job has run",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.ADMIN), Vote.APPROVE, EXPIRES,
                        new VoteVerdict.Ignore("the approval expired at " + EXPIRES + "; a late vote runs nothing")),
                Arguments.of("a vote naming another incident does not count",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-2", Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        new VoteVerdict.Ignore("the vote names incident inc-2 but the approval belongs to incident inc-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("votes")
    void decidesWhetherAVoteCounts(String scenario, ApprovalRequest request, String incidentId, Set<Role> roles, Vote vote, Instant now,
                                   Object expected) {
        var cast = new ApprovalVoteCast(incidentId, "requested-1", request.approvalId(), "alice", roles, vote, null, now);

        VoteVerdict verdict = VoteCounting.count(request, cast, "vote-1", now);

        if (expected instanceof Class<?> decides) {
            assertThat(verdict).isInstanceOf(decides);
        } else {
            assertThat(verdict).isEqualTo(expected);
        }
    }

    @Test
    void anApprovalAuthorizesExactlyWhatWasApprovedCausedByTheVote() {
        ApprovalRequest request = request(Role.OPERATOR, ApprovalStatus.PENDING);
        var vote = new ApprovalVoteCast("inc-1", "requested-1", request.approvalId(), "alice", Set.of(Role.OPERATOR), Vote.APPROVE, null, T0);

        VoteVerdict verdict = VoteCounting.count(request, vote, "vote-1", T0);

        assertThat(verdict).isEqualTo(new Approve(new ActionAuthorized("inc-1", "vote-1", new ProposedAction("release-memory",
                Map.of("reason", "sentinel")), Risk.MEDIUM, ApprovalMode.HUMAN, "alice", "approval-1", "approve-medium", "shop", "production",
                Map.of("environment", "production"), SHOP_PROD)));
        assertThat(((Approve) verdict).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aRejectionCarriesTheVotersComment() {
        ApprovalRequest request = request(Role.OPERATOR, ApprovalStatus.PENDING);
        var vote = new ApprovalVoteCast("inc-1", "requested-1", request.approvalId(), "bob", Set.of(Role.ADMIN), Vote.REJECT, "a deploy", T0);

        VoteVerdict verdict = VoteCounting.count(request, vote, "vote-2", T0);

        assertThat(verdict).isEqualTo(new Reject(new ActionRejected("inc-1", "vote-2", "approval-1", "bob", "a deploy")));
        assertThat(((Reject) verdict).status()).isEqualTo(ApprovalStatus.REJECTED);
    }

    private static ApprovalRequest request(Role requiredRole, ApprovalStatus status) {
        return new ApprovalRequest("approval-1", "inc-1", "release-memory", Map.of("reason", "sentinel"), Risk.MEDIUM, "production", "shop",
                Map.of("environment", "production"), requiredRole, "approve-medium", status, EXPIRES, null, null,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "analysis-1", "requested-1", SHOP_PROD);
    }
}
