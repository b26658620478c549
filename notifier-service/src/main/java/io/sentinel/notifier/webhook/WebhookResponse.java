package io.sentinel.notifier.webhook;

/** How a receiver answered one delivery attempt. */
public sealed interface WebhookResponse {

    /** A 2xx: the receiver has it. */
    record Accepted(int status) implements WebhookResponse {
    }

    /** Any other status. */
    record Refused(int status) implements WebhookResponse {
    }

    /** No answer: connection refused, timeout, TLS failure ... */
    record Unreachable(String reason) implements WebhookResponse {
    }
}
