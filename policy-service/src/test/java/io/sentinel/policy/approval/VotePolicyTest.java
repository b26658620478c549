package io.sentinel.policy.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VotePolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant EXPIRES = T0.plusSeconds(3600);

    static Stream<Arguments> votes() {
        return Stream.of(
                Arguments.of("an operator approves an operator's request",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.OPERATOR), Vote.APPROVE, T0,
                        new VoteOutcome.Approve()),
                Arguments.of("an operator rejects an operator's request",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.OPERATOR), Vote.REJECT, T0,
                        new VoteOutcome.Reject()),
                Arguments.of("an admin may decide what an operator may",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        new VoteOutcome.Approve()),
                Arguments.of("one sufficient role among several is enough",
                        request(Role.ADMIN, ApprovalStatus.PENDING), "inc-1", Set.of(Role.VIEWER, Role.ADMIN), Vote.APPROVE, T0,
                        new VoteOutcome.Approve()),
                Arguments.of("a viewer may not approve",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.VIEWER), Vote.APPROVE, T0,
                        new VoteOutcome.Refuse("voter 'alice' has roles [VIEWER], none of which includes OPERATOR")),
                Arguments.of("an operator may not approve what needs an admin",
                        request(Role.ADMIN, ApprovalStatus.PENDING), "inc-1", Set.of(Role.OPERATOR), Vote.APPROVE, T0,
                        new VoteOutcome.Refuse("voter 'alice' has roles [OPERATOR], none of which includes ADMIN")),
                Arguments.of("a viewer may not reject either",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.VIEWER), Vote.REJECT, T0,
                        new VoteOutcome.Refuse("voter 'alice' has roles [VIEWER], none of which includes OPERATOR")),
                Arguments.of("someone without any role may not vote",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(), Vote.APPROVE, T0,
                        new VoteOutcome.Refuse("voter 'alice' has roles [], none of which includes OPERATOR")),
                Arguments.of("a decided request stays decided",
                        request(Role.OPERATOR, ApprovalStatus.APPROVED), "inc-1", Set.of(Role.ADMIN), Vote.REJECT, T0,
                        new VoteOutcome.Ignore("the approval is already APPROVED")),
                Arguments.of("an expired request runs nothing",
                        request(Role.OPERATOR, ApprovalStatus.EXPIRED), "inc-1", Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        new VoteOutcome.Ignore("the approval is already EXPIRED")),
                Arguments.of("a vote after the expiry runs nothing even before the expiry job has run",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-1", Set.of(Role.ADMIN), Vote.APPROVE, EXPIRES,
                        new VoteOutcome.Ignore("the approval expired at " + EXPIRES + "; a late vote runs nothing")),
                Arguments.of("a vote naming another incident does not count",
                        request(Role.OPERATOR, ApprovalStatus.PENDING), "inc-2", Set.of(Role.ADMIN), Vote.APPROVE, T0,
                        new VoteOutcome.Ignore("the vote names incident inc-2 but the approval belongs to incident inc-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("votes")
    void decidesWhetherAVoteCounts(String scenario, ApprovalRequest request, String incidentId, Set<Role> roles, Vote vote, Instant now,
                                   VoteOutcome expected) {
        var cast = new ApprovalVoteCast(incidentId, "requested-1", request.approvalId(), "alice", roles, vote, null, now);

        assertThat(VotePolicy.judge(request, cast, now)).isEqualTo(expected);
    }

    private static ApprovalRequest request(Role requiredRole, ApprovalStatus status) {
        return new ApprovalRequest("approval-1", "inc-1", "release-memory", Map.of("reason", "sentinel"), Risk.MEDIUM, "production", "shop",
                Map.of("environment", "production"), requiredRole, "approve-medium", status, EXPIRES, null, null,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "analysis-1", "requested-1", null);
    }
}
