package io.sentinel.detector.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.absence.AbsenceProperties;
import io.sentinel.detector.absence.StaleMetricRule;
import io.sentinel.detector.latency.LatencyEstimates;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.detector.threshold.ThresholdProperties;
import io.sentinel.detector.threshold.ThresholdRule;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.settings.detector.ThresholdSetting;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inventory target of an incident is the one the collector's configuration named for the batches
 * (MetricBatch.target), published with the incident and stored with it, also when the incident opens
 * on a tick long after the batches; a label called target in the batch changes nothing.
 */
class IncidentTargetTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final RuleDatabase db = RuleDatabase.migrated();

    @Test
    void aThresholdIncidentNamesAndStoresItsBatchesTarget() {
        var rule = thresholds();

        db.signal(rule, batch("shop-1", "memory_usage_ratio", 0.9, T0, "shop.production"), T0);

        assertThat(db.published(IncidentOpened.class)).singleElement().satisfies(opened -> {
            assertThat(opened.target()).isEqualTo("shop.production");
            assertThat(opened.labels()).as("a label, nothing more").containsEntry("target", "sample-other");
        });
        assertThat(storedTarget("shop-1")).isEqualTo("shop.production");
    }

    @Test
    void aStaleMetricIncidentOpenedOnATickNamesTheTargetItsBatchesNamed() {
        var rule = new StaleMetricRule(new AbsenceProperties(List.of(), null, Duration.ofDays(7), null, null), RuleDatabase.noSettings(),
                new Conditions(), KeyLimits.unlimited());
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plusSeconds(15L * i);
            db.signal(rule, batch("cache-1", "memory_usage_ratio", 0.4, at, "cache.production"), at);
        }

        db.tick(rule, T0.plus(Duration.ofMinutes(10)));

        assertThat(db.published(IncidentOpened.class)).singleElement()
                .satisfies(opened -> assertThat(opened.target()).isEqualTo("cache.production"));
        assertThat(storedTarget("cache-1")).isEqualTo("cache.production");
    }

    @Test
    void aBatchWithoutATargetOpensAnIncidentWithout() {
        var rule = thresholds();

        db.signal(rule, batch("unnamed", "memory_usage_ratio", 0.9, T0, null), T0);

        assertThat(db.published(IncidentOpened.class)).singleElement().satisfies(opened -> assertThat(opened.target()).isNull());
        assertThat(storedTarget("unnamed")).isNull();
    }

    private static ThresholdRule thresholds() {
        return new ThresholdRule(ThresholdProperties.of(ThresholdSetting.above("memory-usage-high", "memory_usage_ratio", 0.6, 0.55,
                Duration.ZERO, Severity.WARNING, null)), RuleDatabase.noSettings(), new Conditions(),
                new LatencyEstimates(new LatencyEstimateSetting(false, null, null, null), RuleDatabase.noSettings()));
    }

    private String storedTarget(String resource) {
        return db.query(handle -> handle.createQuery("select target from incident where resource = :resource").bind("resource", resource)
                .mapTo(String.class).one());
    }

    private static MetricBatch batch(String resource, String signal, double value, Instant at, String target) {
        return new MetricBatch("scrape", resource, Map.of("target", "labelled-other"), at,
                List.of(new MetricSample(signal, Map.of("target", "sample-other"), value, at)), target);
    }
}
