package io.sentinel.policy.brake;

import java.time.Instant;

/**
 * The global brake as stored.
 *
 * @param engagedAt  when it engaged last; null if it never did
 * @param releasedAt when an admin released it last; null if nobody ever did
 */
public record GlobalBrakeState(boolean engaged, Instant engagedAt, String engagedReason, Instant releasedAt, String releasedBy) {

    /** Failures before this count no more: the window's start, or the last release if that is later. */
    public Instant countFailuresSince(Instant windowStart) {
        return releasedAt != null && releasedAt.isAfter(windowStart) ? releasedAt : windowStart;
    }
}
