package io.sentinel.detector.absence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.absence.db.HeartbeatDao;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.HeartbeatSetting;
import io.sentinel.events.signal.HeartbeatReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule heartbeat-missed against the real database: its clocks are what a restarted detector judges by. */
class HeartbeatRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Ticks judge every heartbeat there is: a database of its own for each test. */
    private RuleDatabase db;

    @BeforeEach
    void migrate() {
        db = RuleDatabase.migrated();
    }

    @Test
    void firesWhenTheNextBeatIsLaterThanEveryPlusGraceAndClearsOnTheNextBeat() {
        var rule = rule(List.of());
        beat(rule, "sync-job", T0, Map.of("team", "data"));

        assertThat(db.tick(rule, T0.plusSeconds(90))).as("at last + every + grace").isEmpty();
        Finding missed = db.tick(rule, T0.plusSeconds(91)).getFirst();
        assertThat(missed).isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("heartbeat-missed");
            assertThat(firing.resource()).isEqualTo("sync-job");
            assertThat(firing.labels()).containsEntry("team", "data");
            assertThat(firing.observation().detail()).isEqualTo("sync-job missed its heartbeat: last at 2026-11-23T12:00:00Z, expected by"
                    + " 2026-11-23T12:01:30Z (every PT1M, grace PT30S)");
        });
        assertThat(opened("sync-job").title()).isEqualTo("Heartbeat missed: sync-job");

        assertThat(beat(rule, "sync-job", T0.plusSeconds(100), Map.of())).singleElement().isInstanceOf(Finding.Cleared.class);
        assertThat(cleared(opened("sync-job"))).isTrue();
        assertThat(db.tick(rule, T0.plusSeconds(150))).as("expected again by 12:03:10").isEmpty();
    }

    @Test
    void aConfiguredHeartbeatNeverSeenFiresEveryPlusGraceAfterItWasFirstExpectedRestartsIncluded() {
        var nightly = new HeartbeatSetting("nightly-backup", Duration.ofHours(24), Duration.ofHours(1), Severity.CRITICAL,
                Map.of("runbook", "backups"));
        assertThat(db.tick(rule(List.of(nightly)), T0)).isEmpty();

        var restarted = rule(List.of(nightly));
        assertThat(db.tick(restarted, T0.plus(Duration.ofHours(25)))).as("the clock did not restart with the detector").isEmpty();
        Finding missed = db.tick(restarted, T0.plus(Duration.ofHours(25)).plusSeconds(1)).getFirst();
        assertThat(missed).isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(firing.labels()).containsEntry("runbook", "backups");
            assertThat(firing.observation().detail()).startsWith("nightly-backup missed its heartbeat: none seen since it was expected from"
                    + " 2026-11-23T12:00:00Z, expected by 2026-11-24T13:00:00Z");
        });
    }

    @Test
    void aRestartedDetectorCountsTheMissOnTheOpenIncidentInsteadOfOpeningAnother() {
        beat(rule(List.of()), "etl", T0, Map.of());
        db.tick(rule(List.of()), T0.plus(Duration.ofMinutes(2)));
        assertThat(opened("etl")).isNotNull();

        var restarted = rule(List.of());
        assertThat(db.tick(restarted, T0.plus(Duration.ofMinutes(3)))).singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals("etl"))).hasSize(1);
        assertThat(beat(restarted, "etl", T0.plus(Duration.ofMinutes(4)), Map.of())).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void aBeatOlderThanTheLastOneChangesNothing() {
        var rule = rule(List.of());
        beat(rule, "late-job", T0, Map.of());
        db.tick(rule, T0.plus(Duration.ofMinutes(2)));
        assertThat(beat(rule, "late-job", T0.minusSeconds(10), Map.of())).as("delivered late, does not clear").isEmpty();
        assertThat(beat(rule, "late-job", T0.plus(Duration.ofMinutes(2)), Map.of())).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void aHeartbeatNobodyConfiguredIsForgottenAfterForgetAfterAndItsConditionCleared() {
        var rule = rule(List.of());
        beat(rule, "retired-job", T0, Map.of());
        db.tick(rule, T0.plus(Duration.ofMinutes(2)));
        IncidentOpened opened = opened("retired-job");

        assertThat(db.tick(rule, T0.plus(Duration.ofDays(7)).plusSeconds(1))).anySatisfy(finding ->
                assertThat(finding).isInstanceOfSatisfying(Finding.Cleared.class, cleared ->
                        assertThat(cleared.observation().detail()).startsWith("retired-job is no longer watched")));
        assertThat(cleared(opened)).isTrue();
        Optional<StoredHeartbeat> row = db.query(handle -> handle.attach(HeartbeatDao.class).lock("retired-job"));
        assertThat(row).isEmpty();
    }

    @Test
    void theConfiguredListIsReplacedAtRuntime() {
        var rule = new HeartbeatRule(properties(List.of()), RuleDatabase.overlay("detector.absence.heartbeats", """
                [{"name": "hourly-report", "every": "1h", "grace": "5m"}]"""), new Conditions(), KeyLimits.unlimited());
        db.tick(rule, T0);
        assertThat(db.tick(rule, T0.plus(Duration.ofMinutes(65)).plusSeconds(1))).singleElement()
                .satisfies(finding -> assertThat(finding).isInstanceOf(Finding.Firing.class));
    }

    private static HeartbeatRule rule(List<HeartbeatSetting> configured) {
        return new HeartbeatRule(properties(configured), RuleDatabase.noSettings(), new Conditions(), KeyLimits.unlimited());
    }

    private static AbsenceProperties properties(List<HeartbeatSetting> configured) {
        return new AbsenceProperties(configured, null, Duration.ofDays(7), null, null);
    }

    /** A beat saying "every minute, 30 s grace". */
    private List<Finding> beat(HeartbeatRule rule, String name, Instant at, Map<String, String> labels) {
        return db.signal(rule, new HeartbeatReceived(name, labels, MINUTE, Duration.ofSeconds(30), at), at);
    }

    private IncidentOpened opened(String resource) {
        return db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals(resource)).findFirst().orElseThrow();
    }

    /** The detector said the condition cleared; ending the incident is the executor's verdict's (ADR 0009). */
    private boolean cleared(IncidentOpened opened) {
        return db.published(ConditionCleared.class).stream().anyMatch(c -> c.incidentId().equals(opened.incidentId()));
    }
}
