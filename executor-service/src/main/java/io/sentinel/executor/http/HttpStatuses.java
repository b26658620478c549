package io.sentinel.executor.http;

/** Which HTTP answers are worth trying again. */
final class HttpStatuses {

    private HttpStatuses() {
    }

    /**
     * A 5xx (the target is failing or overloaded), 408 (it timed out waiting for us) or 429 (it asks us
     * to slow down) may pass when tried again; any other status (a 4xx, a redirect, an unexpected 2xx)
     * answers the same request the same way.
     */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }
}
