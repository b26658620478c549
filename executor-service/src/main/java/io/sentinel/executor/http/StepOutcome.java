package io.sentinel.executor.http;

/**
 * What one HTTP step did.
 *
 * @param detail       for people: "POST http://host:port/path -> 200 in 12 ms", or why the step failed;
 *                     secret values masked
 * @param responseBody the response body when the target answered, else null
 */
public record StepOutcome(boolean succeeded, String detail, long durationMillis, String responseBody) {

    static StepOutcome refused(String reason) {
        return new StepOutcome(false, reason, 0, null);
    }
}
