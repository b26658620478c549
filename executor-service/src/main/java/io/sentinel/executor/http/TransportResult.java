package io.sentinel.executor.http;

/** What sending a request came to: an answer, or why there is none. */
sealed interface TransportResult {

    record Answered(int status, String body) implements TransportResult {
    }

    /** @param deadlinePassed whether the exchange was cut off by its deadline */
    record Failed(String reason, boolean deadlinePassed) implements TransportResult {

        Failed(String reason) {
            this(reason, false);
        }

        static Failed atDeadline() {
            return new Failed("the deadline passed", true);
        }
    }
}
