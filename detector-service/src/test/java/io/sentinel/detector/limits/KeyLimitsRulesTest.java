package io.sentinel.detector.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.detector.absence.AbsenceProperties;
import io.sentinel.detector.absence.HeartbeatRule;
import io.sentinel.detector.absence.StaleMetricRule;
import io.sentinel.detector.absence.StuckQueueRule;
import io.sentinel.detector.baseline.BaselineProperties;
import io.sentinel.detector.baseline.EwmaBaselineRule;
import io.sentinel.detector.baseline.HourlyBaselineRule;
import io.sentinel.detector.baseline.HourlyBaselines;
import io.sentinel.detector.latency.LatencyEstimates;
import io.sentinel.detector.limits.db.KeyCounts;
import io.sentinel.detector.novelty.NovelErrorRule;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.detector.threshold.ThresholdProperties;
import io.sentinel.detector.threshold.ThresholdRule;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import io.sentinel.events.settings.detector.HeartbeatSetting;
import io.sentinel.events.settings.detector.HourlyBaselineSetting;
import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.settings.detector.NoveltySetting;
import io.sentinel.events.settings.detector.ThresholdSetting;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every rule family holds to its cap on the real database: a flood of new keys leaves at most the cap
 * in the tables, the keys already tracked go on, and the counts the cap starts from after a restart
 * are what is in the tables.
 */
class KeyLimitsRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final int CAP = 3;
    private static final int FLOOD = 20;

    private final RuleDatabase db = RuleDatabase.migrated();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KeyLimits limits = new KeyLimits(CAP, Duration.ofMinutes(10), meters, System::nanoTime);

    @Test
    void thresholdConditionsBeyondTheCapAreNotTrackedWhileTrackedOnesGoOn() {
        var rule = new ThresholdRule(ThresholdProperties.of(ThresholdSetting.above("memory-usage-high", "memory_usage_ratio", 0.6, 0.55,
                Duration.ZERO, Severity.WARNING, null)), RuleDatabase.noSettings(), new Conditions(limits),
                new LatencyEstimates(new LatencyEstimateSetting(false, null, null, null), RuleDatabase.noSettings()));

        db.signal(rule, batch("shop", "memory_usage_ratio", T0, pod -> 0.9), T0);
        db.signal(rule, batch("shop", "memory_usage_ratio", T0.plusSeconds(15), pod -> 0.9), T0.plusSeconds(15));

        assertThat(rows("rule_condition")).isEqualTo(CAP);
        assertThat(db.published(IncidentOpened.class)).hasSize(CAP);
        assertThat(refused("conditions")).isEqualTo(2 * (FLOOD - CAP));
        assertThat(db.signal(rule, batch("shop", "memory_usage_ratio", T0.plusSeconds(30), pod -> 0.1), T0.plusSeconds(30)))
                .as("the tracked conditions clear as before").hasSize(CAP);
    }

    @Test
    void hourlyAndEwmaBaselinesKeepNoNewSeriesBeyondTheCap() {
        var properties = new BaselineProperties(new HourlyBaselineSetting(List.of("rate"), null, null, null, null),
                new EwmaBaselineSetting(List.of("ratio"), null, null, null, null, null, null), Duration.ofDays(7));
        DetectionRule hourly = new HourlyBaselineRule(properties, RuleDatabase.noSettings(), new HourlyBaselines(), new Conditions(), limits);
        DetectionRule ewma = new EwmaBaselineRule(properties, RuleDatabase.noSettings(), new Conditions(), limits);

        for (int minute = 0; minute < 3; minute++) {
            Instant at = T0.plus(Duration.ofMinutes(minute));
            db.signal(hourly, batch("api", "rate", at, pod -> 10), at);
            db.signal(ewma, batch("api", "ratio", at, pod -> 0.5), at);
        }

        assertThat(db.<Long>query(handle -> handle.createQuery("select count(distinct series) from baseline_hour").mapTo(Long.class).one()))
                .isEqualTo(CAP);
        assertThat(rows("baseline_ewma")).isEqualTo(CAP);
        assertThat(db.<Long>query(handle -> handle.createQuery("select min(samples) from baseline_ewma").mapTo(Long.class).one()))
                .as("the series kept learn from every batch").isEqualTo(3);
    }

    @Test
    void heartbeatsQueuesAndWatchedSeriesKeepNoNewKeyBeyondTheCap() {
        var absence = new AbsenceProperties(List.of(new HeartbeatSetting("configured-backup", Duration.ofHours(1), null, null, null)), null,
                Duration.ofDays(7), null, null);
        var heartbeats = new HeartbeatRule(absence, RuleDatabase.noSettings(), new Conditions(), limits);
        var queues = new StuckQueueRule(absence, RuleDatabase.noSettings(), new Conditions(), limits);
        var stale = new StaleMetricRule(absence, RuleDatabase.noSettings(), new Conditions(), limits);

        for (int i = 0; i < FLOOD; i++) {
            db.signal(heartbeats, new HeartbeatReceived("job-" + i, Map.of(), Duration.ofHours(1), null, T0), T0);
        }
        db.signal(heartbeats, new HeartbeatReceived("configured-backup", Map.of(), null, null, T0), T0);
        db.signal(queues, batch("broker", "queue_depth", T0, queue -> 5), T0);
        db.signal(stale, batch("cache", "memory_usage_ratio", T0, pod -> 0.5), T0);

        assertThat(db.<List<String>>query(handle -> handle.createQuery("select name from heartbeat order by name").mapTo(String.class).list()))
                .as("the configured heartbeat is bounded by the configuration, not the cap")
                .containsExactly("configured-backup", "job-0", "job-1", "job-2");
        assertThat(db.<Long>query(handle -> handle.createQuery("select count(distinct queue) from queue_sample").mapTo(Long.class).one()))
                .isEqualTo(CAP);
        assertThat(rows("metric_presence")).isEqualTo(CAP);
    }

    @Test
    void logsOfNewServicesAndNewErrorsBeyondTheCapAreNotTracked() {
        var rule = new NovelErrorRule(new NoveltySetting(Duration.ZERO, Duration.ofHours(1), 10_000), RuleDatabase.noSettings(), limits);

        for (int service = 0; service < FLOOD; service++) {
            db.signal(rule, logs("svc-" + service, "boom"), T0);
        }
        List<LogEntry> errors = new ArrayList<>();
        for (int error = 0; error < FLOOD; error++) {
            errors.add(new LogEntry("ERROR", "error kind " + (char) ('a' + error), null, T0, Map.of()));
        }
        db.signal(rule, new LogBatch("loki", "svc-0", Map.of(), errors, T0), T0);

        assertThat(rows("novelty_service")).isEqualTo(CAP);
        assertThat(rows("error_fingerprint")).as("one error of each of the three services, no room for more").isEqualTo(CAP);
        assertThat(refused("log-services")).isEqualTo(FLOOD - CAP);
    }

    @Test
    void theCountsAfterARestartAreWhatTheTablesHold() {
        var properties = new BaselineProperties(new HourlyBaselineSetting(List.of("rate"), null, null, null, null), EwmaBaselineSetting.DEFAULTS,
                Duration.ofDays(7));
        var hourly = new HourlyBaselineRule(properties, RuleDatabase.noSettings(), new HourlyBaselines(), new Conditions(),
                KeyLimits.unlimited());
        var queues = new StuckQueueRule(new AbsenceProperties(List.of(), null, Duration.ofDays(7), null, null), RuleDatabase.noSettings(),
                new Conditions(), KeyLimits.unlimited());
        for (int hour = 0; hour < 5; hour++) {
            Instant at = T0.plus(Duration.ofHours(hour));
            db.signal(hourly, batch("api", "rate", at, pod -> 10), at);
            db.signal(queues, batch("broker", "queue_depth", at, queue -> 5), at);
        }

        var restarted = new KeyLimits(1_000, Duration.ofMinutes(10), meters, System::nanoTime);
        restarted.recounted(db.jdbi().withHandle(KeyCounts::count));

        assertThat(restarted.tracked(KeyFamily.HOURLY_SERIES)).as("series, not their hours").isEqualTo(FLOOD);
        assertThat(restarted.tracked(KeyFamily.QUEUES)).as("queues, not their samples").isEqualTo(FLOOD);
        assertThat(restarted.tracked(KeyFamily.HEARTBEATS)).isZero();
        for (int i = 0; i < 1_000 - FLOOD; i++) {
            assertThat(restarted.admit(KeyFamily.QUEUES)).isTrue();
        }
        assertThat(restarted.admit(KeyFamily.QUEUES)).isFalse();
    }

    private long rows(String table) {
        return db.query(handle -> handle.createQuery("select count(*) from " + table).mapTo(Long.class).one());
    }

    private double refused(String family) {
        return meters.get("sentinel.detector.keys.refused").tag("family", family).counter().count();
    }

    /** One sample of {@code signal} for each of {@value #FLOOD} series (label pod, or queue for queue_depth). */
    private static MetricBatch batch(String resource, String signal, Instant at, IntFunction<Number> value) {
        String label = signal.equals("queue_depth") ? "queue" : "pod";
        List<MetricSample> samples = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            samples.add(new MetricSample(signal, Map.of(label, label + "-" + i), value.apply(i).doubleValue(), at));
        }
        return new MetricBatch("scrape", resource, Map.of(), at, samples, null);
    }

    private static LogBatch logs(String service, String message) {
        return new LogBatch("loki", service, Map.of(), List.of(new LogEntry("ERROR", message, null, T0, Map.of())), T0);
    }
}
