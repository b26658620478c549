package io.sentinel.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.ErrorResponseException;

class RequestBodiesTest {

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("approve", Vote.APPROVE),
                Arguments.of("reject", Vote.REJECT),
                Arguments.of(" Approve ", Vote.APPROVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void readsTheDecision(String decision, Vote expected) {
        assertThat(new VoteRequest(decision, null).vote()).isEqualTo(expected);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("missing decision", (Supplier<?>) () -> new VoteRequest(null, "ok").vote(), "field 'decision' is required"),
                Arguments.of("unknown decision", (Supplier<?>) () -> new VoteRequest("maybe", null).vote(),
                        "field 'decision' must be \"approve\" or \"reject\""),
                Arguments.of("endless comment", (Supplier<?>) () -> new VoteRequest("approve", "x".repeat(1001)).validComment(),
                        "field 'comment' must be at most 1000 characters"),
                Arguments.of("missing key name", (Supplier<?>) () -> new NewKeyRequest(" ", "VIEWER").validName(), "field 'name' is required"),
                Arguments.of("key name with spaces", (Supplier<?>) () -> new NewKeyRequest("ci bot", "VIEWER").validName(),
                        "field 'name' must be 1 to 64"),
                Arguments.of("key name too long", (Supplier<?>) () -> new NewKeyRequest("a".repeat(65), "VIEWER").validName(),
                        "field 'name' must be 1 to 64"),
                Arguments.of("missing role", (Supplier<?>) () -> new NewKeyRequest("ci", null).validRole(), "field 'role' is required"),
                Arguments.of("unknown role", (Supplier<?>) () -> new NewKeyRequest("ci", "ROOT").validRole(),
                        "field 'role' must be one of [VIEWER, OPERATOR, ADMIN]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void namesTheFieldThatIsWrong(String scenario, Supplier<?> reading, String detail) {
        ErrorResponseException problem = catchThrowableOfType(ErrorResponseException.class, reading::get);
        assertThat(problem.getStatusCode().value()).isEqualTo(400);
        assertThat(problem.getBody().getDetail()).contains(detail);
    }

    @Test
    void aBlankCommentIsNoComment() {
        assertThat(new VoteRequest("approve", "  ").validComment()).isNull();
    }

    @Test
    void readsRolesCaseInsensitively() {
        assertThat(new NewKeyRequest("ci-bot@example.org", "operator").validRole()).isEqualTo(Role.OPERATOR);
        assertThat(new NewKeyRequest("ci-bot@example.org", "operator").validName()).isEqualTo("ci-bot@example.org");
    }
}
