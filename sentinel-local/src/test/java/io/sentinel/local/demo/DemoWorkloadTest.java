package io.sentinel.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoWorkloadTest {

    private static final long MIB = 1024 * 1024;
    private final DemoWorkload workload = new DemoWorkload("shop", 64, 20, new DemoConfig(16, "1.4.2"));

    @AfterEach
    void stop() {
        workload.close();
    }

    @Test
    void healthyServiceHoldsItsBaselineAndCache() {
        assertThat(workload.usedBytes()).isEqualTo(24 * MIB);
        assertThat(ratio()).isEqualTo(0.375);
    }

    @Test
    void aLeakGrowsUntilTheCeilingAndNoFurther() {
        workload.inject(Fault.MEMORY_LEAK);
        // 57 MiB is the last whole MiB under 90% of 64 MiB
        await().atMost(Duration.ofSeconds(10)).until(() -> workload.usedBytes() == 57 * MIB);
        awaitTicks(5);
        assertThat(workload.usedBytes()).as("five more ticks of the leak later").isEqualTo(57 * MIB);
    }

    @Test
    void releasingMemoryCuresALeakAndDropsTheCache() {
        workload.inject(Fault.MEMORY_LEAK);
        await().atMost(Duration.ofSeconds(10)).until(() -> ratio() > 0.6);

        long released = workload.releaseMemory();

        assertThat(released).isGreaterThan(16 * MIB);
        assertThat(workload.usedBytes()).isEqualTo(8 * MIB);
        assertThat(workload.config().cacheMb()).isZero();
        assertThat(workload.faults()).doesNotContain(Fault.MEMORY_LEAK);
    }

    @Test
    void anIncurableLeakSurvivesReleaseAndRestart() {
        workload.inject(Fault.INCURABLE_MEMORY_LEAK);
        await().atMost(Duration.ofSeconds(10)).until(() -> ratio() > 0.7);

        workload.releaseMemory();
        workload.restart();

        assertThat(workload.faults()).contains(Fault.INCURABLE_MEMORY_LEAK);
        await("the leak goes on growing after the fix").atMost(Duration.ofSeconds(10)).until(() -> ratio() > 0.85);
    }

    @Test
    void restoringTheConfigurationRestoresTheCache() {
        workload.releaseMemory();
        workload.applyConfig(new DemoConfig(16, "1.4.2"));
        assertThat(workload.usedBytes()).isEqualTo(24 * MIB);
    }

    @Test
    void exposesCadvisorStyleMemoryMetrics() {
        String exposition = workload.metrics().exposition();
        assertThat(exposition)
                .contains("container_memory_working_set_bytes{container=\"shop\"} " + 24 * MIB)
                .contains("container_spec_memory_limit_bytes{container=\"shop\"} " + 64 * MIB)
                .contains("container_up{container=\"shop\"} 1")
                .contains("queue_depth{container=\"shop\",queue=\"orders\"} ");
    }

    @Test
    void aStuckQueueGrowsWhileConsumptionStops() {
        workload.inject(Fault.STUCK_QUEUE);
        long consumedBefore = workload.metrics().queueConsumed();
        awaitTicks(5);
        assertThat(workload.metrics().queueDepth()).isGreaterThan(4);
        assertThat(workload.metrics().queueConsumed()).isEqualTo(consumedBefore);
    }

    private void awaitTicks(int count) {
        long from = workload.ticks();
        await().atMost(Duration.ofSeconds(10)).until(() -> workload.ticks() >= from + count);
    }

    private double ratio() {
        return (double) workload.usedBytes() / workload.memoryLimitBytes();
    }
}
