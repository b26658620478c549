package io.sentinel.executor.intake;

import io.sentinel.executor.verification.ClearingVerdict;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.ProposalCheck;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether an authorized action may run now. Authorization is not enough: the incident's
 * condition may have cleared without it, a fix of this executor may already have worked, the catalog
 * may have changed since the action was proposed, what the
 * playbook needs (its target as authorized, its labels, its secrets) may not hold, or another
 * remediation may be working on the incident or on the target.
 */
public final class ExecutionAdmission {

    private ExecutionAdmission() {
    }

    /**
     * @param preconditions why the (valid) playbook must not run, if it must not
     */
    public static Admission decide(ProposalCheck check, Function<Playbook, Optional<String>> preconditions, Circumstances circumstances) {
        if (circumstances.clearedWithoutRemediation()) {
            return new Admission.Skip(ClearingVerdict.CLEARED_BEFORE_THE_ACTION);
        }
        if (circumstances.fixedBy().isPresent()) {
            return new Admission.Skip("execution " + circumstances.fixedBy().get() + " already fixed this incident: its verification passed");
        }
        if (!check.valid()) {
            return new Admission.Skip("the action does not pass the playbook catalog: " + String.join("; ", check.problems()));
        }
        Optional<String> refusal = preconditions.apply(check.playbook());
        if (refusal.isPresent()) {
            return new Admission.Skip(refusal.get());
        }
        if (circumstances.activeOnIncident().isPresent()) {
            return new Admission.Skip("execution " + circumstances.activeOnIncident().get() + " is still in progress for this incident");
        }
        if (circumstances.activeOnTarget().isPresent()) {
            return new Admission.Skip("execution " + circumstances.activeOnTarget().get() + " is in progress on target "
                    + circumstances.targetName());
        }
        return new Admission.Admit(check.playbook(), check.parameters());
    }

    /**
     * What else is going on.
     *
     * @param clearedWithoutRemediation the executor answered the incident's clearing with
     *                                  {@code ClearedWithoutRemediation}: it is over without a fix
     * @param fixedBy                   the incident's execution whose verification passed, if one did
     * @param activeOnIncident          the incident's execution still in progress, if any
     * @param activeOnTarget            an execution still in progress on the action's target, if any
     * @param targetName                the action's target; null if it has none
     */
    public record Circumstances(boolean clearedWithoutRemediation, Optional<String> fixedBy, Optional<String> activeOnIncident,
                                Optional<String> activeOnTarget, String targetName) {
    }
}
