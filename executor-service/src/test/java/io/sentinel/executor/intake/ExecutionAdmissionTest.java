package io.sentinel.executor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Risk;
import io.sentinel.executor.intake.ExecutionAdmission.Circumstances;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.ProposalCheck;
import io.sentinel.playbooks.Verification;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutionAdmissionTest {

    private static final Playbook PLAYBOOK = new Playbook("release-memory", "d", Risk.LOW, Map.of(), Map.of(), null, List.of(),
            new Verification(null, null), List.of());
    private static final ProposalCheck VALID = new ProposalCheck(List.of(), PLAYBOOK, Map.of("reason", "sentinel"));
    private static final ProposalCheck INVALID = new ProposalCheck(List.of("parameter 'reason' does not match [a-z]+",
            "playbook 'release-memory' has no parameter 'shell'"), PLAYBOOK, Map.of());
    private static final Function<Playbook, Optional<String>> HOLDS = playbook -> Optional.empty();
    private static final Function<Playbook, Optional<String>> TARGET_CHANGED =
            playbook -> Optional.of("target shop changed since the action was authorized: urls [a] -> [b]");
    private static final Circumstances QUIET = new Circumstances(false, Optional.empty(), Optional.empty(), Optional.empty(), "shop");

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("a valid action on an open incident with nothing running runs",
                        VALID, HOLDS, QUIET, new Admission.Admit(PLAYBOOK, Map.of("reason", "sentinel"))),
                Arguments.of("an incident whose condition cleared without remediation needs no fix",
                        VALID, HOLDS, new Circumstances(true, Optional.empty(), Optional.empty(), Optional.empty(), "shop"),
                        new Admission.Skip("the condition cleared before the action could run")),
                Arguments.of("a clearing without remediation wins over every other reason",
                        INVALID, TARGET_CHANGED, new Circumstances(true, Optional.of("exec-0"), Optional.of("exec-1"), Optional.of("exec-2"),
                                "shop"),
                        new Admission.Skip("the condition cleared before the action could run")),
                Arguments.of("an incident a verified fix already ended needs no other",
                        VALID, HOLDS, new Circumstances(false, Optional.of("exec-0"), Optional.empty(), Optional.empty(), "shop"),
                        new Admission.Skip("execution exec-0 already fixed this incident: its verification passed")),
                Arguments.of("a verified fix wins over the catalog, the target and what is running",
                        INVALID, TARGET_CHANGED, new Circumstances(false, Optional.of("exec-0"), Optional.of("exec-1"), Optional.of("exec-2"),
                                "shop"),
                        new Admission.Skip("execution exec-0 already fixed this incident: its verification passed")),
                Arguments.of("an action the catalog no longer accepts does not run, and says why",
                        INVALID, HOLDS, QUIET, new Admission.Skip("the action does not pass the playbook catalog: "
                                + "parameter 'reason' does not match [a-z]+; playbook 'release-memory' has no parameter 'shell'")),
                Arguments.of("a playbook whose needs do not hold does not run, and says why",
                        VALID, TARGET_CHANGED, QUIET,
                        new Admission.Skip("target shop changed since the action was authorized: urls [a] -> [b]")),
                Arguments.of("one remediation at a time per incident",
                        VALID, HOLDS, new Circumstances(false, Optional.empty(), Optional.of("exec-1"), Optional.empty(), "shop"),
                        new Admission.Skip("execution exec-1 is still in progress for this incident")),
                Arguments.of("one action in flight per target, whichever incident asks",
                        VALID, HOLDS, new Circumstances(false, Optional.empty(), Optional.empty(), Optional.of("exec-7"), "shop"),
                        new Admission.Skip("execution exec-7 is in progress on target shop")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesWhetherAnAuthorizedActionRuns(String scenario, ProposalCheck check, Function<Playbook, Optional<String>> preconditions,
                                              Circumstances circumstances, Admission expected) {
        assertThat(ExecutionAdmission.decide(check, preconditions, circumstances)).isEqualTo(expected);
    }
}
