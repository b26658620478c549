package io.sentinel.executor.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.verification.ClearingVerdict.AwaitVerification;
import io.sentinel.executor.verification.ClearingVerdict.ClearedByItself;
import io.sentinel.executor.verification.ClearingVerdict.NotCounted;
import io.sentinel.executor.verification.ClearingVerdict.Verify;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClearingVerdictTest {

    private static final Instant STARTED = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant DEADLINE = STARTED.plusSeconds(60);

    static Stream<Arguments> clearings() {
        Execution pending = execution(ExecutionStatus.PENDING, null, null);
        Execution running = execution(ExecutionStatus.RUNNING, STARTED, null);
        Execution verifying = execution(ExecutionStatus.VERIFYING, STARTED, DEADLINE);
        Execution rollingBack = execution(ExecutionStatus.ROLLING_BACK, STARTED, DEADLINE);
        return Stream.of(
                Arguments.of("no execution: the condition cleared by itself", Optional.empty(), STARTED,
                        new ClearedByItself(Optional.empty())),
                Arguments.of("a pending action has not run: cleared by itself, and the action is skipped", Optional.of(pending), STARTED,
                        new ClearedByItself(Optional.of(pending))),
                Arguments.of("while the action runs: counts once verification starts", Optional.of(running), STARTED.plusSeconds(1),
                        new AwaitVerification(running)),
                Arguments.of("as the action starts: counts", Optional.of(running), STARTED, new AwaitVerification(running)),
                Arguments.of("from before the action, delivered late: says nothing about it", Optional.of(running), STARTED.minusMillis(1),
                        new NotCounted(running, "it cleared before the action started")),
                Arguments.of("within the window: verify now", Optional.of(verifying), STARTED.plusSeconds(4), new Verify(verifying)),
                Arguments.of("exactly at the deadline: verify now", Optional.of(verifying), DEADLINE, new Verify(verifying)),
                Arguments.of("after the window: too late, the deadline decides", Optional.of(verifying), DEADLINE.plusMillis(1),
                        new NotCounted(verifying, "it cleared after the verification window")),
                Arguments.of("before the action, while verifying: not counted", Optional.of(verifying), STARTED.minusSeconds(1),
                        new NotCounted(verifying, "it cleared before the action started")),
                Arguments.of("while rolling back: the rollback's verdict ends the incident", Optional.of(rollingBack), STARTED.plusSeconds(4),
                        new NotCounted(rollingBack, "the execution is being rolled back")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearings")
    void decidesWhatAClearingMeansFromTheIncidentsExecutionAlone(String scenario, Optional<Execution> active, Instant clearedAt,
                                                                 ClearingVerdict expected) {
        assertThat(ClearingVerdict.of(active, clearedAt)).isEqualTo(expected);
    }

    @Test
    void finishedExecutionsAreNoFixInProgress() {
        for (ExecutionStatus finished : new ExecutionStatus[] {ExecutionStatus.SUCCEEDED, ExecutionStatus.ROLLED_BACK,
                ExecutionStatus.ROLLBACK_FAILED, ExecutionStatus.SKIPPED}) {
            assertThat(ClearingVerdict.of(Optional.of(execution(finished, STARTED, DEADLINE)), STARTED.plusSeconds(1)))
                    .as(finished.name()).isEqualTo(new ClearedByItself(Optional.empty()));
        }
    }

    @Test
    void aClearingStampedAheadOfThisClockCountsAsNow() {
        Instant now = STARTED.plusSeconds(10);

        assertThat(ClearingVerdict.counted(now.plusSeconds(3600), now)).isEqualTo(now);
        assertThat(ClearingVerdict.counted(now.minusSeconds(5), now)).isEqualTo(now.minusSeconds(5));
        assertThat(ClearingVerdict.counted(now, now)).isEqualTo(now);
    }

    private static Execution execution(ExecutionStatus status, Instant startedAt, Instant verifyDeadline) {
        return new Execution("e-" + status, "d", "i", "p", Map.of(), Map.of(), "r", null, status, startedAt, null, verifyDeadline, null,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null);
    }
}
