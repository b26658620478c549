package io.sentinel.notifier.channel;

/** How one attempt to deliver went. */
public sealed interface SendResult {

    /** @param detail for logs, e.g. {@code HTTP 204} */
    record Delivered(String detail) implements SendResult {
    }

    /**
     * @param reason    for logs and the delivery's {@code last_error}, e.g. {@code HTTP 503}; never a secret
     * @param retryable whether the same delivery may succeed later (a 5xx, 408, 429, a timeout, a
     *                  connection failure), rather than be refused the same way (any other 4xx, a redirect)
     */
    record Failed(String reason, boolean retryable) implements SendResult {
    }
}
