package io.sentinel.detector.absence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.HeartbeatSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeartbeatWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    static Stream<Arguments> expectations() {
        var nightly = new HeartbeatSetting("backup", DAY, Duration.ofHours(2), Severity.CRITICAL, Map.of());
        var nightlyNoGrace = new HeartbeatSetting("backup", DAY, null, null, null);
        var everyFiveMinutes = new HeartbeatSetting("backup", Duration.ofMinutes(5), null, null, null);
        return Stream.of(
                Arguments.of("the beat's own every and grace win", Duration.ofHours(6), Duration.ofMinutes(30), nightly, null,
                        Duration.ofHours(6), Duration.ofMinutes(30)),
                Arguments.of("the beat's every with the configured grace", Duration.ofHours(6), null, nightly, null,
                        Duration.ofHours(6), Duration.ofHours(2)),
                Arguments.of("the configuration when the beat says nothing", null, null, nightly, null, DAY, Duration.ofHours(2)),
                Arguments.of("no grace given: the default grace", null, null, nightlyNoGrace, Duration.ofMinutes(20), DAY,
                        Duration.ofMinutes(20)),
                Arguments.of("no grace at all: 10% of every", null, null, nightlyNoGrace, null, DAY, Duration.ofMinutes(144)),
                Arguments.of("10% of every, but at least a minute", null, null, everyFiveMinutes, null, Duration.ofMinutes(5),
                        Duration.ofMinutes(1)),
                Arguments.of("a beat that says how often needs no configuration", Duration.ofMinutes(10), null, null, null,
                        Duration.ofMinutes(10), Duration.ofMinutes(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void expectsWhatTheBeatsSayElseWhatIsConfigured(String scenario, Duration beatEvery, Duration beatGrace, HeartbeatSetting configured,
                                                    Duration defaultGrace, Duration every, Duration grace) {
        HeartbeatWatch watch = HeartbeatWatch.of("backup", T0, T0, beatEvery, beatGrace, configured, defaultGrace).orElseThrow();
        assertThat(watch.every()).isEqualTo(every);
        assertThat(watch.grace()).isEqualTo(grace);
    }

    @Test
    void expectsNothingWhenNobodySaysHowOften() {
        assertThat(HeartbeatWatch.of("cron", T0, T0, null, null, null, Duration.ofMinutes(5))).isEmpty();
    }

    static Stream<Arguments> deadlines() {
        return Stream.of(
                Arguments.of("before the deadline", T0.plus(Duration.ofHours(25)), false),
                Arguments.of("at the deadline: not yet missed", T0.plus(Duration.ofHours(26)), false),
                Arguments.of("after the deadline", T0.plus(Duration.ofHours(26)).plusSeconds(1), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadlines")
    void isMissedOnlyAfterLastBeatPlusEveryPlusGrace(String scenario, Instant now, boolean missed) {
        var watch = new HeartbeatWatch("backup", T0, T0.minus(DAY), DAY, Duration.ofHours(2));
        assertThat(watch.missedAt(now)).isEqualTo(missed);
    }

    @Test
    void aHeartbeatNeverSeenIsExpectedFromWhenItWasFirstWatched() {
        var watch = new HeartbeatWatch("backup", null, T0, DAY, Duration.ofHours(2));
        assertThat(watch.expectedBy()).isEqualTo(T0.plus(Duration.ofHours(26)));
        assertThat(watch.describe()).isEqualTo("backup missed its heartbeat: none seen since it was expected from 2026-11-23T02:00:00Z,"
                + " expected by 2026-11-24T04:00:00Z (every PT24H, grace PT2H)");
    }

    @Test
    void saysWhenItLastBeatAndWhenItWasExpected() {
        var watch = new HeartbeatWatch("nightly-backup", T0, T0.minus(DAY), DAY, Duration.ofHours(2));
        assertThat(watch.describe()).startsWith("nightly-backup missed its heartbeat: last at 2026-11-23T02:00:00Z, expected by"
                + " 2026-11-24T04:00:00Z");
    }

    @Test
    void badHeartbeatsNameTheProperty() {
        assertThatThrownBy(() -> new HeartbeatSetting("backup", null, null, null, null))
                .hasMessage("every must be positive, was null (heartbeat 'backup')");
        var backup = new HeartbeatSetting("backup", DAY, null, null, null);
        assertThatThrownBy(() -> new AbsenceProperties(List.of(backup, backup), null, Duration.ofDays(7), null, null))
                .hasMessage("sentinel.detector.absence.heartbeats: two heartbeats are named 'backup'");
        assertThatThrownBy(() -> new AbsenceProperties(List.of(), Duration.ofSeconds(-1), Duration.ofDays(7), null, null))
                .hasMessageStartingWith("sentinel.detector.absence.default-grace must not be negative");
    }
}
