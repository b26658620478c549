package io.sentinel.executor.http;

/** What sending a request came to: an answer, or why there is none. */
sealed interface TransportResult {

    record Answered(int status, String body) implements TransportResult {
    }

    /**
     * @param deadlinePassed whether the exchange was cut off by its deadline
     * @param retryable      whether the same request may get through if tried again: a deadline or a
     *                       connection failure may pass, an answer too large to read will not
     */
    record Failed(String reason, boolean deadlinePassed, boolean retryable) implements TransportResult {

        static Failed atDeadline() {
            return new Failed("the deadline passed", true, true);
        }

        /** The connection failed (refused, reset, TLS): the peer or the path to it may recover. */
        static Failed connection(String reason) {
            return new Failed(reason, false, true);
        }

        /** Tried again, the request would fail the same way. */
        static Failed permanently(String reason) {
            return new Failed(reason, false, false);
        }
    }
}
