package io.sentinel.events.analysis;

import io.sentinel.events.EventFields;

/**
 * What a model's answer cost: tokens each way, money when the deployment says what a token costs,
 * and how long the answer took.
 *
 * @param costUsd null when no price is configured for the model
 */
public record ModelUsage(long tokensIn, long tokensOut, Double costUsd, long latencyMillis) {

    public ModelUsage {
        if (tokensIn < 0 || tokensOut < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("field 'usage' must not hold negative counts");
        }
        if (costUsd != null) {
            EventFields.requireFinite(costUsd, "usage.costUsd");
        }
    }
}
