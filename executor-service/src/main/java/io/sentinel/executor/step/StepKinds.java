package io.sentinel.executor.step;

import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.PlaybookStep;
import io.sentinel.playbooks.StepAction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The kinds of step this executor runs, by name: each step goes to the kind its action says. */
public final class StepKinds {

    private final Map<String, StepKind<?>> byName;

    public StepKinds(Collection<? extends StepKind<?>> kinds) {
        Map<String, StepKind<?>> named = new LinkedHashMap<>();
        for (StepKind<?> kind : kinds) {
            if (named.put(kind.name(), kind) != null) {
                throw new IllegalArgumentException("two step kinds are named '" + kind.name() + "'");
            }
        }
        this.byName = Map.copyOf(named);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** Runs the action with the kind it names; an action of a kind this executor does not have fails, not retryable. */
    public StepOutcome run(StepAction action, TemplateVariables variables) {
        StepKind<?> kind = byName.get(action.kind());
        if (kind == null) {
            return StepOutcome.refused("this executor cannot run steps of kind '" + action.kind() + "'; it runs " + byName.keySet());
        }
        return runAs(kind, action, variables);
    }

    /**
     * Refuses, at start-up, a catalog with a step of a kind this executor cannot run, naming the playbook
     * and the step: better than a remediation that fails halfway.
     */
    public void requireRunnable(PlaybookCatalog catalog) {
        List<String> unrunnable = new ArrayList<>();
        for (Playbook playbook : catalog.all()) {
            for (PlaybookStep step : playbook.allSteps()) {
                if (step.action() != null && !byName.containsKey(step.kind())) {
                    unrunnable.add("playbook '" + playbook.id() + "' step '" + step.name() + "' is of kind '" + step.kind() + "'");
                }
            }
        }
        if (!unrunnable.isEmpty()) {
            throw new IllegalStateException("this executor runs steps of kinds " + byName.keySet() + " only: " + String.join("; ", unrunnable));
        }
    }

    private static <A extends StepAction> StepOutcome runAs(StepKind<A> kind, StepAction action, TemplateVariables variables) {
        if (!kind.actionType().isInstance(action)) {
            return StepOutcome.refused("step kind '" + kind.name() + "' cannot run a " + action.getClass().getSimpleName());
        }
        return kind.run(kind.actionType().cast(action), variables);
    }
}
