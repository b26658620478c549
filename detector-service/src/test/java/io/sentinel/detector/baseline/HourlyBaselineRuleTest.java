package io.sentinel.detector.baseline;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import io.sentinel.events.settings.detector.HourlyBaselineSetting;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rule hourly-baseline-spike against the real database: what it persists is what a restarted detector judges by. */
class HourlyBaselineRuleTest {

    private static final String SIGNAL = "http_errors_per_second";
    /** Now, for the rule: samples later than an hour ahead of it are refused. */
    private static final Instant NOW = Instant.parse("2026-11-23T12:30:00Z");
    private static final Instant HOUR = Instant.parse("2026-11-23T12:00:00Z");

    private static RuleDatabase db;

    @BeforeAll
    static void migrate() {
        db = RuleDatabase.migrated();
    }

    @Test
    void firesAWarningAboveTwoAndAHalfTimesTheBaselineAndRaisesItToCriticalAboveFive() {
        var rule = rule(new RuntimeSettings());
        backfill(rule, "shop-escalates", 30, 10);

        List<Finding> warning = live(rule, "shop-escalates", 30, 5);
        assertThat(warning).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.rule()).isEqualTo("hourly-baseline-spike");
            assertThat(firing.observation().detail()).startsWith("http_errors_per_second this hour 30 = 3× the 7-day hourly baseline 10"
                    + " (mean of 30 hours)");
        });
        live(rule, "shop-escalates", 100, 6);

        IncidentOpened opened = opened("shop-escalates");
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.labels()).containsEntry("signal", SIGNAL).containsEntry("environment", "production");
        IncidentUpdated raised = db.published(IncidentUpdated.class).stream().filter(u -> u.incidentId().equals(opened.incidentId()))
                .findFirst().orElseThrow();
        assertThat(raised.severity()).as("the hour's mean is now (30 + 100) / 2 = 6.5x").isEqualTo(Severity.CRITICAL);
        assertThat(raised.observation().value()).isEqualTo(65.0);
    }

    @Test
    void backfilledHistoryOnlyTeachesTheBaselineEvenWhenItSpikes() {
        var rule = rule(new RuntimeSettings());
        backfill(rule, "shop-backfill", 30, 10);
        List<Finding> findings = db.signal(rule, batch("prometheus-backfill", "shop-backfill",
                List.of(sample(1000, HOUR.plus(5, MINUTES)))), NOW);
        assertThat(findings).isEmpty();
        assertThat(live(rule, "shop-backfill", 10, 6)).as("the backfilled 1000 counts in this hour's mean: (1000 + 10) / 2")
                .singleElement().isInstanceOf(Finding.Firing.class);
    }

    @Test
    void judgesNothingUntilTheBaselineHasMinHistoryHours() {
        var rule = rule(new RuntimeSettings());
        backfill(rule, "shop-young", 23, 10);
        assertThat(live(rule, "shop-young", 1000, 5)).as("23 hours").isEmpty();

        db.signal(rule, batch("prometheus-backfill", "shop-young", List.of(sample(10, HOUR.minus(24, HOURS)))), NOW);
        assertThat(live(rule, "shop-young", 1000, 6)).as("24 hours").singleElement().isInstanceOf(Finding.Firing.class);
    }

    @Test
    void staysActiveInsideTheHysteresisBandAndClearsBelowTwiceTheBaseline() {
        var rule = rule(new RuntimeSettings());
        backfill(rule, "shop-band", 30, 10);
        assertThat(live(rule, "shop-band", 30, 1)).singleElement().isInstanceOf(Finding.Firing.class);

        assertThat(live(rule, "shop-band", 14, 2)).as("mean 22: 2.2x, inside the band").isEmpty();
        assertThat(live(rule, "shop-band", 2, 3)).as("mean 15.3: 1.53x").singleElement().isInstanceOf(Finding.Cleared.class);
        assertThat(db.published(ConditionCleared.class).stream()
                .filter(cleared -> cleared.incidentId().equals(opened("shop-band").incidentId()))).hasSize(1);
    }

    @Test
    void aRestartedDetectorCarriesOnWithoutOpeningTheIncidentAgain() {
        backfill(rule(new RuntimeSettings()), "shop-restart", 30, 10);
        live(rule(new RuntimeSettings()), "shop-restart", 30, 1);

        var restarted = rule(new RuntimeSettings());
        assertThat(live(restarted, "shop-restart", 30, 2)).as("still 3x: a repeat").singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals("shop-restart"))).hasSize(1);
        assertThat(live(restarted, "shop-restart", 6, 3)).as("mean 22: inside the band, still active").isEmpty();
        assertThat(live(restarted, "shop-restart", 0, 4)).as("mean 16.5").singleElement().isInstanceOf(Finding.Cleared.class);
        assertThat(db.published(ConditionCleared.class).stream()
                .filter(cleared -> cleared.incidentId().equals(opened("shop-restart").incidentId()))).hasSize(1);
    }

    @Test
    void factorsChangeAtRuntime() {
        var rule = rule(RuleDatabase.settings("detector.baseline.hourly", """
                {"signals": ["http_errors_per_second"], "warning-factor": 5, "critical-factor": 10, "min-history": 2}"""));
        backfill(rule, "shop-tuned", 2, 10);
        assertThat(live(rule, "shop-tuned", 40, 1)).as("4x is under the tuned 5x").isEmpty();
        assertThat(live(rule, "shop-tuned", 80, 2)).as("mean 60: 6x").singleElement().isInstanceOf(Finding.Firing.class);
    }

    private static HourlyBaselineRule rule(RuntimeSettings settings) {
        var properties = new BaselineProperties(new HourlyBaselineSetting(List.of(SIGNAL), null, null, null, null), EwmaBaselineSetting.DEFAULTS,
                Duration.ofDays(7));
        return new HourlyBaselineRule(properties, new RuntimeOverlay(settings), new HourlyBaselines(), new Conditions(), KeyLimits.unlimited());
    }

    /** {@code hours} of history before HOUR, four samples an hour around {@code value} (mean exactly {@code value}). */
    private static void backfill(HourlyBaselineRule rule, String resource, int hours, double value) {
        List<MetricSample> samples = new ArrayList<>();
        for (int hour = 1; hour <= hours; hour++) {
            for (int quarter = 0; quarter < 4; quarter++) {
                samples.add(sample(value + (quarter % 2 == 0 ? 1 : -1), HOUR.minus(hour, HOURS).plus(15L * quarter, MINUTES)));
            }
        }
        assertThat(db.signal(rule, batch("prometheus-backfill", resource, samples), NOW)).isEmpty();
    }

    private static List<Finding> live(HourlyBaselineRule rule, String resource, double value, int minute) {
        return db.signal(rule, batch("scrape", resource, List.of(sample(value, HOUR.plus(minute, MINUTES)))), NOW);
    }

    private static MetricBatch batch(String source, String resource, List<MetricSample> samples) {
        return new MetricBatch(source, resource, Map.of("environment", "production"), samples.getLast().at(), samples, null);
    }

    private static MetricSample sample(double value, Instant at) {
        return new MetricSample(SIGNAL, Map.of("route", "/checkout"), value, at);
    }

    private static IncidentOpened opened(String resource) {
        return db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals(resource)).findFirst().orElseThrow();
    }
}
