package io.sentinel.executor.intake;

import io.sentinel.playbooks.ProposalCheck;
import java.util.Optional;

/**
 * Decides whether an authorized action may run now. Authorization is not enough: the incident may
 * have resolved meanwhile, another remediation may be working on it, or the catalog may have changed
 * since the action was proposed.
 */
public final class ExecutionAdmission {

    private ExecutionAdmission() {
    }

    /** @param activeExecutionId the incident's execution still in progress, if any */
    public static Admission decide(ProposalCheck check, boolean incidentResolved, Optional<String> activeExecutionId) {
        if (incidentResolved) {
            return new Admission.Skip("incident already resolved");
        }
        if (!check.valid()) {
            return new Admission.Skip("the action does not pass the playbook catalog: " + String.join("; ", check.problems()));
        }
        if (activeExecutionId.isPresent()) {
            return new Admission.Skip("execution " + activeExecutionId.get() + " is still in progress for this incident");
        }
        return new Admission.Admit(check.playbook(), check.parameters());
    }
}
