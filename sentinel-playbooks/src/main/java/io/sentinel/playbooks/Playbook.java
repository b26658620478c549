package io.sentinel.playbooks;

import io.sentinel.events.analysis.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A remediation Sentinel knows how to run: what it does, how risky it is, what to snapshot first, the
 * steps, how to verify it worked and how to undo it.
 *
 * @param parameters what a proposal may set; anything else is rejected
 * @param labels     the incident labels its templates may use, each bounded by a pattern; labels are
 *                   written by a signal's sender, so any other label is invisible to the playbook
 * @param snapshot   read before acting; what a rollback restores: an HTTP call's response ({@code {{snapshot.body}}}),
 *                   written as the call itself ({@code snapshot: {url: ...}}), or the target's state in Kubernetes
 *                   ({@code snapshot: {kubernetes: {action: snapshot}}}), which the {@code restore-*} operations put back
 */
public record Playbook(String id, String description, Risk risk, Map<String, ParameterSpec> parameters, Map<String, LabelSpec> labels,
                       StepAction snapshot, List<PlaybookStep> steps, Verification verify, List<PlaybookStep> rollback) {

    public static final String SNAPSHOT_STEP = "snapshot";

    public Playbook {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        steps = steps == null ? List.of() : List.copyOf(steps);
        rollback = rollback == null ? List.of() : List.copyOf(rollback);
    }

    /** The snapshot (as a step named {@value #SNAPSHOT_STEP}), the steps, the checks and the rollback, in that order. */
    public List<PlaybookStep> allSteps() {
        List<PlaybookStep> all = new ArrayList<>();
        if (snapshot != null) {
            all.add(PlaybookStep.of(SNAPSHOT_STEP, snapshot));
        }
        all.addAll(steps);
        if (verify != null) {
            all.addAll(verify.checks());
        }
        all.addAll(rollback);
        return all;
    }

    /** Every variable any of its templates uses. */
    public Set<String> variables() {
        Set<String> variables = new TreeSet<>();
        for (PlaybookStep step : allSteps()) {
            if (step.action() != null) {
                step.action().templates().forEach(template -> variables.addAll(Template.parse(template).variables()));
            }
        }
        return variables;
    }

    /** Whether it acts on the incident's inventory target: a template uses {@code {{target.*}}}, or a step always does (Kubernetes). */
    public boolean usesTarget() {
        return variables().stream().anyMatch(variable -> variable.startsWith(TemplateNames.TARGET))
                || allSteps().stream().anyMatch(step -> step.action() != null && step.action().needsTarget());
    }

    /** The labels its templates use. */
    public Set<String> labelsUsed() {
        return namesUnder(TemplateNames.LABELS);
    }

    /** The secrets its templates use. */
    public Set<String> secretsUsed() {
        return namesUnder(TemplateNames.SECRETS);
    }

    private Set<String> namesUnder(String root) {
        Set<String> names = new TreeSet<>();
        variables().stream().filter(variable -> variable.startsWith(root)).forEach(variable -> names.add(variable.substring(root.length())));
        return names;
    }
}
