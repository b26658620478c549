package io.sentinel.analyzer.llm;

import io.sentinel.events.analysis.ModelUsage;

/** How a request to the model ended. */
public sealed interface Completion {

    /**
     * The model answered.
     *
     * @param usage    tokens, cost (when prices are configured) and latency of this request
     * @param cutShort why a streamed answer ended early (time limit, broken stream); null when it did not
     */
    record Answered(String text, ModelUsage usage, String cutShort) implements Completion {
    }

    /**
     * No answer: the model is not configured, over budget, busy, failing, too slow, or its circuit is open.
     *
     * @param reason for the analysis's {@code fallbackReason}; never the endpoint's response body
     */
    record Unavailable(String reason) implements Completion {
    }
}
