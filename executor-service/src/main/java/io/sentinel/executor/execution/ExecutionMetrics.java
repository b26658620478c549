package io.sentinel.executor.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.events.execution.StepPhase;
import java.time.Duration;
import java.util.Locale;

/** How executions end (by playbook) and how long their steps take (by phase). */
public final class ExecutionMetrics {

    private final MeterRegistry meters;

    public ExecutionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param outcome succeeded, rolled-back, rollback-failed or skipped */
    public void outcome(String playbookId, String outcome) {
        Counter.builder("sentinel.executor.executions").tag("playbook", playbookId).tag("outcome", outcome)
                .description("Executions by how they ended").register(meters).increment();
    }

    public void step(StepPhase phase, long durationMillis) {
        Timer.builder("sentinel.executor.step.duration").tag("phase", phase.name().toLowerCase(Locale.ROOT))
                .description("Time taken by playbook steps, including refused and failed ones").register(meters)
                .record(Duration.ofMillis(durationMillis));
    }
}
