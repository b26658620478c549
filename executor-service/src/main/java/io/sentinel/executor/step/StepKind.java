package io.sentinel.executor.step;

import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.StepAction;

/**
 * One kind of step the executor can run: {@code http} today; kubernetes, sandbox clean-up, redis and
 * GitHub next. A kind is one class implementing this and its test, composed with the others in
 * {@code ExecutorConfiguration}; nothing else changes when one is added (the playbook catalog learns
 * the action's shape, see {@link StepAction}).
 *
 * <p>A kind never throws: whatever goes wrong is a failed {@link StepOutcome}, classified as
 * retryable or not, with a detail that masks every secret value.
 *
 * @param <A> the playbook action it runs
 */
public interface StepKind<A extends StepAction> {

    /** The kind as playbooks write it: the key a step's action is written under. */
    String name();

    /** The action record of its steps in the playbook catalog. */
    Class<A> actionType();

    /** Runs the action once, within its timeout. */
    StepOutcome run(A action, TemplateVariables variables);
}
