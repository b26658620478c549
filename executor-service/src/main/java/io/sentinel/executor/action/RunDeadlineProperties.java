package io.sentinel.executor.action;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an execution may stay RUNNING.
 *
 * @param deadlineMargin added to the sum of the snapshot's and the steps' timeouts to make an
 *                       execution's run deadline (room for recording each step)
 * @param checkInterval  how often running executions are checked against their run deadline
 */
@ConfigurationProperties("sentinel.executor.run")
public record RunDeadlineProperties(@DefaultValue("30s") Duration deadlineMargin, @DefaultValue("1s") Duration checkInterval) {

    public RunDeadlineProperties {
        if (deadlineMargin == null || deadlineMargin.isNegative()) {
            throw new IllegalArgumentException("sentinel.executor.run.deadline-margin must not be negative, was " + deadlineMargin);
        }
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("sentinel.executor.run.check-interval must be positive, was " + checkInterval);
        }
    }
}
