package io.sentinel.detector.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SuppressionLogTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final SuppressionLog suppressions = new SuppressionLog();

    @Test
    void aPersistingSuppressionIsSaidOnceAndAgainOnlyAfterTheRepeatInterval() {
        assertThat(suppressions.shouldLog("fp|silenced by a", T0)).isTrue();
        assertThat(suppressions.shouldLog("fp|silenced by a", T0.plusSeconds(15))).isFalse();
        assertThat(suppressions.shouldLog("fp|silenced by a", T0.plus(SuppressionLog.REPEAT_AFTER).minusSeconds(1))).isFalse();
        assertThat(suppressions.shouldLog("fp|silenced by a", T0.plus(SuppressionLog.REPEAT_AFTER))).isTrue();
    }

    @Test
    void anotherFingerprintOrAnotherReasonIsSaidAtOnce() {
        assertThat(suppressions.shouldLog("fp|silenced by a", T0)).isTrue();
        assertThat(suppressions.shouldLog("other|silenced by a", T0)).isTrue();
        assertThat(suppressions.shouldLog("fp|silenced by b", T0)).isTrue();
    }
}
