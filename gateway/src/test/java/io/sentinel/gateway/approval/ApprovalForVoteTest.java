package io.sentinel.gateway.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.TraceParent;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.auth.Channel;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalForVoteTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(600);

    private static ApprovalForVote approval(ApprovalState state, Role required, Instant expiresAt) {
        return new ApprovalForVote("ap-1", "inc-1", state, required, expiresAt, "requested-1", TraceParent.root().header(), null, null);
    }

    private static Caller voter(Role role) {
        return new Caller("k1", "alice", role, Channel.API_KEY);
    }

    static Stream<Arguments> votes() {
        return Stream.of(
                Arguments.of("an operator may vote on a pending request for an operator",
                        approval(ApprovalState.PENDING, Role.OPERATOR, LATER), Role.OPERATOR, null),
                Arguments.of("an admin holds the operator role",
                        approval(ApprovalState.PENDING, Role.OPERATOR, LATER), Role.ADMIN, null),
                Arguments.of("an operator may not vote where an admin is required",
                        approval(ApprovalState.PENDING, Role.ADMIN, LATER), Role.OPERATOR,
                        new CastOutcome.RoleTooLow("ap-1", Role.ADMIN, Role.OPERATOR)),
                Arguments.of("a decided approval takes no votes, whoever votes",
                        approval(ApprovalState.APPROVED, Role.OPERATOR, LATER), Role.ADMIN,
                        new CastOutcome.NotPending("ap-1", ApprovalState.APPROVED)),
                Arguments.of("a rejected approval takes no votes",
                        approval(ApprovalState.REJECTED, Role.OPERATOR, LATER), Role.OPERATOR,
                        new CastOutcome.NotPending("ap-1", ApprovalState.REJECTED)),
                Arguments.of("an approval past its deadline takes no votes, though the policy service has not expired it yet",
                        approval(ApprovalState.PENDING, Role.OPERATOR, NOW.minusSeconds(1)), Role.OPERATOR,
                        new CastOutcome.Expired("ap-1", NOW.minusSeconds(1))),
                Arguments.of("the deadline itself is too late",
                        approval(ApprovalState.PENDING, Role.OPERATOR, NOW), Role.OPERATOR, new CastOutcome.Expired("ap-1", NOW)),
                Arguments.of("whoever requested a manual run may not vote on it",
                        new ApprovalForVote("ap-1", "inc-1", ApprovalState.PENDING, Role.OPERATOR, LATER, "requested-1",
                                TraceParent.root().header(), "alice", 2), Role.ADMIN, new CastOutcome.OwnRequest("ap-1", "alice")),
                Arguments.of("someone else may vote on a manual run",
                        new ApprovalForVote("ap-1", "inc-1", ApprovalState.PENDING, Role.OPERATOR, LATER, "requested-1",
                                TraceParent.root().header(), "bob", 2), Role.OPERATOR, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("votes")
    void refusesOnlyVotesThePolicyServiceWouldIgnore(String scenario, ApprovalForVote approval, Role voter, CastOutcome expected) {
        assertThat(approval.refusal(NOW, voter(voter))).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void aVoteContinuesTheTraceOfTheRequestItAnswers() {
        TraceParent request = TraceParent.root();
        var approval = new ApprovalForVote("ap-1", "inc-1", ApprovalState.PENDING, Role.OPERATOR, LATER, "requested-1", request.header(),
                null, null);
        TraceParent vote = approval.voteTrace();
        assertThat(vote.traceId()).isEqualTo(request.traceId());
        assertThat(vote.spanId()).isNotEqualTo(request.spanId());
    }

    @Test
    void aRequestFromBeforeNofMApprovalsNeedsOneApproval() {
        assertThat(approval(ApprovalState.PENDING, Role.OPERATOR, LATER).approvalsNeeded()).isEqualTo(1);
    }

    @Test
    void aVoteIsCausedByTheRequestAndCarriesEveryRoleTheVoterHolds() {
        var approval = approval(ApprovalState.PENDING, Role.OPERATOR, LATER);

        ApprovalVoteCast vote = approval.voteBy(voter(Role.ADMIN), Vote.REJECT, "a deploy", NOW);

        assertThat(vote).isEqualTo(new ApprovalVoteCast("inc-1", "requested-1", "ap-1", "alice",
                Set.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN), Vote.REJECT, "a deploy", NOW));
    }
}
