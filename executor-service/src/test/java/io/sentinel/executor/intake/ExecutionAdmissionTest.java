package io.sentinel.executor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Risk;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.ProposalCheck;
import io.sentinel.playbooks.Verification;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutionAdmissionTest {

    private static final Playbook PLAYBOOK = new Playbook("release-memory", "d", Risk.LOW, Map.of(), null, List.of(),
            new Verification(null, null), List.of());
    private static final ProposalCheck VALID = new ProposalCheck(List.of(), PLAYBOOK, Map.of("reason", "sentinel"));
    private static final ProposalCheck INVALID = new ProposalCheck(List.of("parameter 'reason' does not match [a-z]+",
            "playbook 'release-memory' has no parameter 'shell'"), PLAYBOOK, Map.of());

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("a valid action on an open incident with nothing running runs",
                        VALID, false, Optional.empty(), new Admission.Admit(PLAYBOOK, Map.of("reason", "sentinel"))),
                Arguments.of("a resolved incident needs no fix",
                        VALID, true, Optional.empty(), new Admission.Skip("incident already resolved")),
                Arguments.of("a resolved incident wins over every other reason",
                        INVALID, true, Optional.of("exec-1"), new Admission.Skip("incident already resolved")),
                Arguments.of("an action the catalog no longer accepts does not run, and says why",
                        INVALID, false, Optional.empty(), new Admission.Skip("the action does not pass the playbook catalog: "
                                + "parameter 'reason' does not match [a-z]+; playbook 'release-memory' has no parameter 'shell'")),
                Arguments.of("one remediation at a time per incident",
                        VALID, false, Optional.of("exec-1"), new Admission.Skip("execution exec-1 is still in progress for this incident")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesWhetherAnAuthorizedActionRuns(String scenario, ProposalCheck check, boolean resolved, Optional<String> active,
                                              Admission expected) {
        assertThat(ExecutionAdmission.decide(check, resolved, active)).isEqualTo(expected);
    }
}
