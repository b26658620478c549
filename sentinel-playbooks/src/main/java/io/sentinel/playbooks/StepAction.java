package io.sentinel.playbooks;

import java.time.Duration;
import java.util.List;

/**
 * What a step does. A step says its kind by the key its action is written under ({@code http:},
 * {@code kubernetes:}; {@code redis:} ... as the executor learns them), and the executor runs each
 * kind with a runner of its own. A new kind is a new record here, permitted below and given a key in
 * {@link PlaybookStep}.
 */
public sealed interface StepAction permits HttpRequestSpec, KubernetesAction {

    /** The kind, as playbooks write it: the key of the step's action. */
    String kind();

    /** The deadline of the whole action. */
    Duration timeout();

    /** Every template the action renders, in which variables may appear. */
    List<String> templates();

    /**
     * Whether it acts on the incident's inventory target whatever its templates say: a Kubernetes
     * step always does. An HTTP step does when a template uses {@code {{target.*}}}.
     */
    default boolean needsTarget() {
        return false;
    }
}
