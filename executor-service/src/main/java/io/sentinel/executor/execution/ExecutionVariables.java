package io.sentinel.executor.execution;

import io.sentinel.executor.template.SecretLookup;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.LabelSpec;
import io.sentinel.playbooks.Playbook;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an execution's templates may refer to. Of the incident's labels, only those the playbook
 * declares, and only with values that match their patterns: a label its sender wrote is otherwise
 * invisible to every step, the rollback's included.
 */
public final class ExecutionVariables {

    private final SecretLookup secrets;

    public ExecutionVariables(SecretLookup secrets) {
        this.secrets = secrets;
    }

    /**
     * @param playbook     the execution's playbook; null if the catalog no longer has it
     * @param snapshotBody the snapshot taken before acting, or null if none was
     */
    public TemplateVariables of(Execution execution, Playbook playbook, String snapshotBody) {
        Map<String, String> labels = new HashMap<>();
        if (playbook != null) {
            playbook.labels().forEach((name, spec) -> usable(execution.labels().get(name), spec).ifPresent(v -> labels.put(name, v)));
        }
        return new TemplateVariables(labels, execution.parameters(), execution.incidentId(), execution.resource(), snapshotBody,
                execution.target(), secrets);
    }

    private static Optional<String> usable(String value, LabelSpec spec) {
        return value != null && spec.accepts(value) ? Optional.of(value) : Optional.empty();
    }
}
