package io.sentinel.executor.precondition;

import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.secrets.SecretStore;
import io.sentinel.executor.target.TargetCheck;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.LabelSpec;
import io.sentinel.playbooks.Playbook;
import java.util.Map;
import java.util.Optional;

/**
 * What must hold before any request of an execution is sent, the snapshot's included: checked when the
 * action is taken in and again right before it runs. The target it needs is named and still what
 * was authorized; every label it uses is present and matches its declared pattern; every secret it
 * uses exists.
 */
public final class Preconditions {

    private final TargetCheck targets;
    private final SecretStore secrets;

    public Preconditions(TargetCheck targets, SecretStore secrets) {
        this.targets = targets;
        this.secrets = secrets;
    }

    /** Why the playbook must not run for this target and these labels, if it must not. */
    public Optional<String> refusal(Playbook playbook, TargetRef target, Map<String, String> labels) {
        if (playbook.usesTarget() && target == null) {
            return Optional.of(TemplateVariables.NO_TARGET);
        }
        Optional<String> targetProblem = targets.problem(target);
        if (targetProblem.isPresent()) {
            return targetProblem;
        }
        for (String label : playbook.labelsUsed()) {
            LabelSpec spec = playbook.labels().get(label);
            String value = labels == null ? null : labels.get(label);
            if (value == null) {
                return Optional.of("the incident has no label '" + label + "', which playbook '" + playbook.id() + "' needs");
            }
            if (!spec.accepts(value)) {
                // The value is not quoted: it is whatever the signal's sender wrote.
                return Optional.of("label '" + label + "' does not match the pattern " + spec.pattern() + " that playbook '"
                        + playbook.id() + "' declares for it");
            }
        }
        for (String secret : playbook.secretsUsed()) {
            if (secrets.find(secret).isEmpty()) {
                return Optional.of("playbook '" + playbook.id() + "' uses secret '" + secret + "', which is not configured: put it in "
                        + secrets.whereToPut(secret));
            }
        }
        return Optional.empty();
    }
}
