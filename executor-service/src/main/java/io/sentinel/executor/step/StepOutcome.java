package io.sentinel.executor.step;

/**
 * What one step did.
 *
 * @param retryable    for a failed step: whether the same step might succeed if tried again (a 5xx,
 *                     a 408 or 429, a timeout, a connection failure) rather than fail the same way
 *                     (a 4xx, a refusal by the executor's own rules, an oversized answer). Steps are
 *                     not retried today; the outcome says it so that rollback and verification can.
 *                     Always false for a step that succeeded.
 * @param detail       for people: "POST http://host:port/path -> 200 in 12 ms", or why the step failed;
 *                     secret values masked
 * @param responseBody the response body when the target answered, else null
 */
public record StepOutcome(boolean succeeded, boolean retryable, String detail, long durationMillis, String responseBody) {

    public StepOutcome {
        retryable = retryable && !succeeded;
    }

    public static StepOutcome succeeded(String detail, long durationMillis, String responseBody) {
        return new StepOutcome(true, false, detail, durationMillis, responseBody);
    }

    public static StepOutcome failed(String detail, long durationMillis, boolean retryable, String responseBody) {
        return new StepOutcome(false, retryable, detail, durationMillis, responseBody);
    }

    /** Refused before anything was sent, by a rule that will refuse it again. */
    public static StepOutcome refused(String reason) {
        return new StepOutcome(false, false, reason, 0, null);
    }
}
