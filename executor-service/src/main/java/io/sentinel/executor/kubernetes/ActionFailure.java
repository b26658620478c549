package io.sentinel.executor.kubernetes;

/**
 * A kubernetes step that did not do what it was asked, and why: a refusal by the executor's own rules
 * (not retryable), or a rollout that had not completed by the step's deadline (retryable: it may yet).
 */
final class ActionFailure extends RuntimeException {

    private final boolean retryable;

    private ActionFailure(String detail, boolean retryable) {
        super(detail, null, false, false);
        this.retryable = retryable;
    }

    static ActionFailure refused(String detail) {
        return new ActionFailure(detail, false);
    }

    static ActionFailure notYet(String detail) {
        return new ActionFailure(detail, true);
    }

    boolean retryable() {
        return retryable;
    }
}
