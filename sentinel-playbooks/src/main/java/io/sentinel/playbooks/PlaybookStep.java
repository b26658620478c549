package io.sentinel.playbooks;

/**
 * One named step. Its action is written under the key that names its kind, {@code http} or
 * {@code kubernetes} (see {@link StepAction}); a step has exactly one.
 */
public record PlaybookStep(String name, HttpRequestSpec http, KubernetesAction kubernetes) {

    /** The keys an action may be written under, for messages. */
    public static final String KINDS = HttpRequestSpec.KIND + " or " + KubernetesAction.KIND;

    /** A step of whichever kind the action is. */
    public static PlaybookStep of(String name, StepAction action) {
        return switch (action) {
            case HttpRequestSpec http -> new PlaybookStep(name, http, null);
            case KubernetesAction kubernetes -> new PlaybookStep(name, null, kubernetes);
        };
    }

    /** What the step does, whichever its kind; null if the file gave it no action. */
    public StepAction action() {
        return http != null ? http : kubernetes;
    }

    /** The step's kind ({@code http}, {@code kubernetes}); null if it has no action. */
    public String kind() {
        StepAction action = action();
        return action == null ? null : action.kind();
    }

    /** Whether the file wrote actions of more than one kind under the step. */
    boolean hasSeveralActions() {
        return http != null && kubernetes != null;
    }
}
