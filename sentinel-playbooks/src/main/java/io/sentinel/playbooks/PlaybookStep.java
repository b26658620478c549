package io.sentinel.playbooks;

/**
 * One named step. Its action is written under the key that names its kind: {@code http} is the only
 * kind so far (see {@link StepAction}).
 */
public record PlaybookStep(String name, HttpRequestSpec http) {

    /** What the step does, whichever its kind; null if the file gave it no action. */
    public StepAction action() {
        return http;
    }

    /** The step's kind ({@code http}); null if it has no action. */
    public String kind() {
        StepAction action = action();
        return action == null ? null : action.kind();
    }
}
