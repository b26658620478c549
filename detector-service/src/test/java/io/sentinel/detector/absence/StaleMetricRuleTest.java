package io.sentinel.detector.absence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule metric-stale against the real database. */
class StaleMetricRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    /** The collector's clock runs 2 minutes behind: staleness goes by arrival, never by the samples' own time. */
    private static final Duration SKEW = Duration.ofMinutes(2);

    private RuleDatabase db;

    @BeforeEach
    void migrate() {
        db = RuleDatabase.migrated();
    }

    @Test
    void aSeriesThatStopsArrivingFiresAfterStaleAfterAndClearsWhenItArrivesAgain() {
        var rule = rule(new RuntimeSettings());
        for (int i = 0; i < 3; i++) {
            arrive(rule, "cache-1", T0.plusSeconds(15L * i));
        }
        Instant last = T0.plusSeconds(30);
        assertThat(db.tick(rule, last.plus(Duration.ofMinutes(5)))).as("exactly stale-after").isEmpty();

        Finding stale = db.tick(rule, last.plus(Duration.ofMinutes(5)).plusSeconds(1)).getFirst();
        assertThat(stale).isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("metric-stale");
            assertThat(firing.labels()).containsEntry("signal", "memory_usage_ratio").containsEntry("container", "redis")
                    .containsEntry("environment", "production");
            assertThat(firing.observation().detail()).isEqualTo("memory_usage_ratio from cache-1 stopped arriving; last at "
                    + last.minus(SKEW) + " (received " + last + ", nothing for PT5M1S)");
        });
        assertThat(opened("cache-1").title()).isEqualTo("memory_usage_ratio from cache-1 stopped arriving");

        assertThat(arrive(rule, "cache-1", last.plus(Duration.ofMinutes(6)))).singleElement().isInstanceOf(Finding.Cleared.class);
        assertThat(db.published(ConditionCleared.class)).singleElement()
                .satisfies(cleared -> assertThat(cleared.incidentId()).isEqualTo(opened("cache-1").incidentId()));
    }

    @Test
    void aSeriesSeenFewerThanMinObservationsTimesIsNotExpectedToKeepArriving() {
        var rule = rule(new RuntimeSettings());
        arrive(rule, "one-off", T0);
        arrive(rule, "one-off", T0.plusSeconds(15));
        assertThat(db.tick(rule, T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void aRestartedDetectorCountsTheAbsenceOnTheOpenIncident() {
        for (int i = 0; i < 3; i++) {
            arrive(rule(new RuntimeSettings()), "cache-2", T0.plusSeconds(15L * i));
        }
        db.tick(rule(new RuntimeSettings()), T0.plus(Duration.ofMinutes(6)));

        var restarted = rule(new RuntimeSettings());
        assertThat(db.tick(restarted, T0.plus(Duration.ofMinutes(7)))).singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(db.published(IncidentOpened.class)).hasSize(1);
        assertThat(arrive(restarted, "cache-2", T0.plus(Duration.ofMinutes(8)))).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void backfilledHistoryIsNotAnArrival() {
        var rule = rule(new RuntimeSettings());
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plusSeconds(15L * i);
            db.signal(rule, new MetricBatch("prometheus-backfill", "history-only", Map.of(), at,
                    List.of(new MetricSample("memory_usage_ratio", Map.of(), 0.5, at)), null), at);
        }
        assertThat(db.tick(rule, T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void seriesSilentForForgetAfterAreForgottenAndTheirConditionsCleared() {
        var rule = rule(new RuntimeSettings());
        for (int i = 0; i < 3; i++) {
            arrive(rule, "decommissioned", T0.plusSeconds(15L * i));
        }
        db.tick(rule, T0.plus(Duration.ofMinutes(10)));
        assertThat(db.tick(rule, T0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)))).singleElement()
                .isInstanceOfSatisfying(Finding.Cleared.class, cleared -> assertThat(cleared.observation().detail())
                        .startsWith("memory_usage_ratio from decommissioned is no longer watched"));
        assertThat(db.tick(rule, T0.plus(Duration.ofDays(8)))).isEmpty();
    }

    @Test
    void theWatchedSignalsAndTimingChangeAtRuntime() {
        var rule = rule(RuleDatabase.settings("detector.absence.stale-metrics", """
                {"signals": ["queue_depth"], "min-observations": 1, "stale-after": "PT10S"}"""));
        arrive(rule, "cache-3", T0);
        Instant at = T0.plusSeconds(1);
        db.signal(rule, new MetricBatch("scrape", "worker", Map.of(), at, List.of(new MetricSample("queue_depth", Map.of(), 3, at)), null), at);
        assertThat(db.tick(rule, T0.plusSeconds(12))).singleElement()
                .isInstanceOfSatisfying(Finding.Firing.class, firing -> assertThat(firing.resource()).isEqualTo("worker"));
    }

    private static StaleMetricRule rule(RuntimeSettings settings) {
        return new StaleMetricRule(new AbsenceProperties(List.of(), null, Duration.ofDays(7), null, null), new RuntimeOverlay(settings),
                new Conditions(), KeyLimits.unlimited());
    }

    /** A memory sample of the redis container, received at {@code at} and stamped by the skewed collector clock. */
    private List<Finding> arrive(StaleMetricRule rule, String resource, Instant at) {
        Instant stamped = at.minus(SKEW);
        return db.signal(rule, new MetricBatch("scrape", resource, Map.of("environment", "production"), stamped,
                List.of(new MetricSample("memory_usage_ratio", Map.of("container", "redis"), 0.4, stamped)), null), at);
    }

    private IncidentOpened opened(String resource) {
        return db.published(IncidentOpened.class).stream().filter(o -> o.resource().equals(resource)).findFirst().orElseThrow();
    }
}
