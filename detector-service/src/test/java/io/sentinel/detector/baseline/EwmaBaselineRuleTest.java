package io.sentinel.detector.baseline;

import static java.time.temporal.ChronoUnit.MINUTES;
import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.baseline.db.EwmaDao;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rule ewma-baseline-deviation against the real database. */
class EwmaBaselineRuleTest {

    private static final String SIGNAL = "memory_usage_ratio";
    /** The series learned from backfilled history ends here; live samples follow, one a minute. */
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant NOW = T0.plus(30, MINUTES);

    private static RuleDatabase db;

    @BeforeAll
    static void migrate() {
        db = RuleDatabase.migrated();
    }

    @Test
    void firesOnlyOnceTheDeviationHeldForTenMinutes() {
        var rule = rule();
        learn(rule, "api-held", 600);
        for (int minute = 0; minute < 10; minute++) {
            assertThat(live(rule, "api-held", 0.9, minute)).as("minute %d", minute).isEmpty();
        }
        Finding fired = live(rule, "api-held", 0.9, 10).getFirst();
        assertThat(fired).isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("ewma-baseline-deviation");
            assertThat(firing.observation().detail()).startsWith("memory_usage_ratio 0.9000 is ").contains("σ above its EWMA baseline 0.50");
        });
        assertThat(opened("api-held").observation().value()).isEqualTo(0.9);
    }

    @Test
    void aDipBelowKRestartsTheClock() {
        var rule = rule();
        learn(rule, "api-dip", 600);
        live(rule, "api-dip", 0.9, 0);
        live(rule, "api-dip", 0.6, 5);
        assertThat(live(rule, "api-dip", 0.9, 10)).as("held since minute 10 only").isEmpty();
        assertThat(live(rule, "api-dip", 0.9, 20)).singleElement().isInstanceOf(Finding.Firing.class);
    }

    @Test
    void judgesNothingUntilMinSamplesWereLearned() {
        var immediate = rule(Duration.ZERO);
        learn(immediate, "api-499", 499);
        learn(immediate, "api-500", 500);
        assertThat(live(immediate, "api-499", 0.9, 0)).as("8 sigma, but only 499 samples learned").isEmpty();
        assertThat(live(immediate, "api-500", 0.9, 0)).singleElement().isInstanceOf(Finding.Firing.class);
    }

    @Test
    void aRestartedDetectorKeepsWhatItLearnedAndThePendingClockAndDoesNotReopen() {
        learn(rule(), "api-restart", 600);
        for (int minute = 0; minute <= 5; minute++) {
            live(rule(), "api-restart", 0.9, minute);
        }
        var restarted = rule();
        assertThat(live(restarted, "api-restart", 0.9, 9)).isEmpty();
        assertThat(live(restarted, "api-restart", 0.9, 10)).as("held since minute 0, across the restart")
                .singleElement().isInstanceOf(Finding.Firing.class);

        var restartedAgain = rule();
        assertThat(live(restartedAgain, "api-restart", 0.9, 11)).singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals("api-restart"))).hasSize(1);
        assertThat(live(restartedAgain, "api-restart", 0.65, 12)).as("3 sigma: the hysteresis band").isEmpty();
        assertThat(live(restartedAgain, "api-restart", 0.52, 13)).as("below 2 sigma").singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void aSampleSeenBeforeIsNotLearnedTwice() {
        var rule = rule();
        learn(rule, "api-twice", 600);
        EwmaState before = state("api-twice");
        learn(rule, "api-twice", 600);
        assertThat(state("api-twice")).isEqualTo(before);
    }

    private static EwmaBaselineRule rule() {
        return rule(null);
    }

    /** Defaults but for the signal and, when given, {@code for}. */
    private static EwmaBaselineRule rule(Duration holdFor) {
        var ewma = new EwmaBaselineSetting(List.of(SIGNAL), null, null, null, holdFor, null, null);
        return new EwmaBaselineRule(new BaselineProperties(null, ewma, Duration.ofDays(7)), RuleDatabase.noSettings(), new Conditions(),
                KeyLimits.unlimited());
    }

    /** {@code count} backfilled samples before T0, alternating 0.45 and 0.55: mean 0.5, deviation 0.05. */
    private static void learn(EwmaBaselineRule rule, String resource, int count) {
        List<MetricSample> samples = new ArrayList<>();
        for (int i = count; i > 0; i--) {
            samples.add(new MetricSample(SIGNAL, Map.of(), i % 2 == 0 ? 0.45 : 0.55, T0.minus(15L * i, SECONDS)));
        }
        assertThat(db.signal(rule, new MetricBatch("prometheus-backfill", resource, Map.of(), T0, samples, null), NOW)).isEmpty();
    }

    private static List<Finding> live(EwmaBaselineRule rule, String resource, double value, int minute) {
        Instant at = T0.plus(minute, MINUTES);
        return db.signal(rule, new MetricBatch("scrape", resource, Map.of(), at, List.of(new MetricSample(SIGNAL, Map.of(), value, at)), null), NOW);
    }

    private static EwmaState state(String resource) {
        return db.query(handle -> handle.attach(EwmaDao.class)
                .findAll(List.of(Fingerprint.of(EwmaBaselineRule.RULE, resource, Map.of("signal", SIGNAL))))).getFirst().state();
    }

    private static IncidentOpened opened(String resource) {
        return db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals(resource)).findFirst().orElseThrow();
    }
}
