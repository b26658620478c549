package io.sentinel.executor.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutionTest {

    private static final Instant STARTED = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant DEADLINE = STARTED.plusSeconds(60);

    static Stream<Arguments> clearings() {
        return Stream.of(
                Arguments.of("cleared before the action says nothing about it", STARTED.minusMillis(1), DEADLINE, true, false),
                Arguments.of("cleared as the action started", STARTED, DEADLINE, true, true),
                Arguments.of("cleared within the window", STARTED.plusSeconds(4), DEADLINE, true, true),
                Arguments.of("cleared exactly at the deadline", DEADLINE, DEADLINE, true, true),
                Arguments.of("cleared after the deadline is too late", DEADLINE.plusMillis(1), DEADLINE, true, false),
                Arguments.of("nothing counts before the action has run", STARTED.plusSeconds(4), null, true, false),
                Arguments.of("nothing counts before the execution started", STARTED.plusSeconds(4), DEADLINE, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearings")
    void countsOnlyAClearingWithinTheVerificationWindow(String scenario, Instant clearedAt, Instant deadline, boolean started,
                                                        boolean counts) {
        var execution = new Execution("e", "d", "i", "p", Map.of(), Map.of(), "r", null, ExecutionStatus.VERIFYING,
                started ? STARTED : null, null, deadline, null, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null);

        assertThat(execution.clearedDuringVerification(clearedAt)).isEqualTo(counts);
    }
}
