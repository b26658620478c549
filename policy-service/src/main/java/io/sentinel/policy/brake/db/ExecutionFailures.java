package io.sentinel.policy.brake.db;

import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.RollbackFailed;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.VerificationFailed;
import io.sentinel.policy.brake.BrakeProperties;
import io.sentinel.policy.brake.GlobalBrake;
import io.sentinel.policy.brake.GlobalBrakeState;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts executions that failed their verification or were rolled back (one per execution: a failed
 * verification and the rollback after it are one failure), and engages the global brake when
 * {@link GlobalBrake} says so, in the transaction the executor's event is handled in.
 */
@Component
public class ExecutionFailures {

    private static final Logger log = LoggerFactory.getLogger(ExecutionFailures.class);

    private final GlobalBrake brake;
    private final BrakeProperties limits;
    private final Clock clock;

    public ExecutionFailures(GlobalBrake brake, BrakeProperties limits, Clock clock) {
        this.brake = brake;
        this.limits = limits;
        this.clock = clock;
    }

    public void onExecution(ExecutionEvent event, EventContext context) {
        String executionId = switch (event) {
            case VerificationFailed failed -> failed.executionId();
            case RollbackSucceeded rolledBack -> rolledBack.executionId();
            case RollbackFailed rollbackFailed -> rollbackFailed.executionId();
            default -> null;
        };
        if (executionId == null) {
            return;
        }
        Instant now = clock.instant();
        // When the executor said so, not when this service got round to it; never later than now.
        Instant failedAt = context.cause().time().isAfter(now) ? now : context.cause().time();
        BrakeDao brakes = context.attach(BrakeDao.class);
        if (brakes.recordFailure(executionId, event.incidentId(), event.getClass().getSimpleName(), failedAt) == 0) {
            return;
        }
        GlobalBrakeState state = brakes.lockGlobalBrake();
        int failures = brakes.failuresSince(state.countFailuresSince(now.minus(limits.window())));
        switch (brake.onFailure(state, failures)) {
            case GlobalBrake.Engage engage -> {
                brakes.engage(now, engage.reason());
                log.warn("global brake engaged: every action needs approval until an admin releases it reason=\"{}\" executionId={} "
                        + "incidentId={}", engage.reason(), executionId, event.incidentId());
            }
            case GlobalBrake.StayAsIs stay -> log.info("execution failure counted executionId={} incidentId={} kind={} brake=\"{}\"",
                    executionId, event.incidentId(), event.getClass().getSimpleName(), stay.reason());
        }
    }
}
