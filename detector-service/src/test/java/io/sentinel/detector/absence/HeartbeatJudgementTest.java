package io.sentinel.detector.absence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.HeartbeatSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a tick makes of the heartbeats it is shown, on values: missed, on time, or forgotten. */
class HeartbeatJudgementTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration FORGET_AFTER = Duration.ofDays(7);

    @Test
    void aHeartbeatLaterThanEveryPlusGraceIsMissedAndOneOnTimeIsClear() {
        var late = new StoredHeartbeat("sync-job", Map.of("team", "data"), 60_000L, 30_000L, T0, T0);
        var onTime = new StoredHeartbeat("etl", Map.of(), 60_000L, 30_000L, T0, T0.plusSeconds(60));

        var judgement = HeartbeatRule.judge(List.of(late, onTime), Map.of(), null, FORGET_AFTER, T0.plusSeconds(91));

        assertThat(judgement.forgotten()).isEmpty();
        assertThat(judgement.observed()).extracting(Conditions.Observed::resource, Conditions.Observed::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sync-job", Level.BREACHED), org.assertj.core.groups.Tuple.tuple("etl", Level.CLEAR));
        assertThat(judgement.observed().getFirst().labels()).containsEntry("team", "data");
    }

    @Test
    void aConfiguredHeartbeatTakesItsSeverityLabelsAndGraceFromTheConfiguration() {
        var nightly = new HeartbeatSetting("nightly", Duration.ofHours(24), Duration.ofHours(1), Severity.CRITICAL, Map.of("runbook", "backups"));
        var neverSeen = new StoredHeartbeat("nightly", Map.of(), null, null, T0, null);

        var judgement = HeartbeatRule.judge(List.of(neverSeen), Map.of("nightly", nightly), null, FORGET_AFTER,
                T0.plus(Duration.ofHours(25)).plusSeconds(1));

        assertThat(judgement.observed()).singleElement().satisfies(observed -> {
            assertThat(observed.level()).isEqualTo(Level.BREACHED);
            assertThat(observed.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(observed.labels()).containsEntry("runbook", "backups");
        });
    }

    @Test
    void aHeartbeatNobodyConfiguredAndNobodyHeardForForgetAfterIsForgottenAndItsConditionClears() {
        var retired = new StoredHeartbeat("retired", Map.of(), 60_000L, null, T0, T0);

        var judgement = HeartbeatRule.judge(List.of(retired), Map.of(), null, FORGET_AFTER, T0.plus(FORGET_AFTER).plusSeconds(1));

        assertThat(judgement.forgotten()).containsExactly(retired);
        assertThat(judgement.observed()).singleElement().satisfies(observed -> {
            assertThat(observed.level()).isEqualTo(Level.CLEAR);
            assertThat(observed.observation().detail()).startsWith("retired is no longer watched");
        });
    }

    @Test
    void aHeartbeatThatNeverSaidHowOftenAndIsNotConfiguredIsNotJudged() {
        var vague = new StoredHeartbeat("vague", Map.of(), null, null, T0, T0);

        assertThat(HeartbeatRule.judge(List.of(vague), Map.of(), null, FORGET_AFTER, T0.plus(Duration.ofDays(1))).observed()).isEmpty();
    }
}
