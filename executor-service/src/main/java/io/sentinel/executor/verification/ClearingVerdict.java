package io.sentinel.executor.verification;

import io.sentinel.executor.execution.Execution;
import java.time.Instant;
import java.util.Optional;

/**
 * What the detector's {@code ConditionCleared} means, decided from the executor's own state alone
 * (ADR 0009: verification has one owner). The incident's active execution, if any, decides:
 *
 * <ul>
 *   <li>verifying, and the clearing falls in its window → {@link Verify}: run its checks now;</li>
 *   <li>running, and the clearing came after the action started → {@link AwaitVerification}: it counts
 *       as soon as verification starts;</li>
 *   <li>any other execution in progress (cleared before its action started, after its window, or while
 *       it rolls back) → {@link NotCounted}: that execution's own verdict ends the incident;</li>
 *   <li>none, or one still pending whose action has not run → {@link ClearedByItself}: no fix of
 *       Sentinel's was involved; the pending one is skipped, as is every later decision.</li>
 * </ul>
 */
public sealed interface ClearingVerdict {

    /** Why a decision for an incident that cleared without remediation is not run. */
    String CLEARED_BEFORE_THE_ACTION = "the condition cleared before the action could run";

    record Verify(Execution execution) implements ClearingVerdict {
    }

    record AwaitVerification(Execution execution) implements ClearingVerdict {
    }

    record NotCounted(Execution execution, String why) implements ClearingVerdict {
    }

    /** @param pendingToSkip an execution admitted but not started, which must now not run */
    record ClearedByItself(Optional<Execution> pendingToSkip) implements ClearingVerdict {
    }

    /**
     * @param active    the incident's execution in progress (PENDING, RUNNING, VERIFYING, ROLLING_BACK), if any
     * @param clearedAt when the condition cleared, as {@link #counted} makes it
     */
    static ClearingVerdict of(Optional<Execution> active, Instant clearedAt) {
        if (active.isEmpty()) {
            return new ClearedByItself(Optional.empty());
        }
        Execution execution = active.get();
        return switch (execution.status()) {
            case PENDING -> new ClearedByItself(active);
            case RUNNING -> clearedAt.isBefore(execution.startedAt())
                    ? new NotCounted(execution, "it cleared before the action started")
                    : new AwaitVerification(execution);
            case VERIFYING -> execution.clearedDuringVerification(clearedAt)
                    ? new Verify(execution)
                    : new NotCounted(execution, clearedAt.isBefore(execution.startedAt())
                            ? "it cleared before the action started" : "it cleared after the verification window");
            case ROLLING_BACK -> new NotCounted(execution, "the execution is being rolled back");
            case SUCCEEDED, ROLLED_BACK, ROLLBACK_FAILED, SKIPPED -> new ClearedByItself(Optional.empty());
        };
    }

    /**
     * The detector stamps a clearing with its own receive time, never in the future; a stamp ahead of
     * the executor's clock (skewed hosts) counts as now, so it can neither miss a verification window
     * nor be judged against a time that has not come.
     */
    static Instant counted(Instant clearedAt, Instant now) {
        return clearedAt.isAfter(now) ? now : clearedAt;
    }
}
