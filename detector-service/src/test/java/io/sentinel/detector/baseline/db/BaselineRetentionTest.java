package io.sentinel.detector.baseline.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.baseline.BaselineProperties;
import io.sentinel.detector.baseline.EwmaState;
import io.sentinel.detector.baseline.EwmaStore;
import io.sentinel.detector.baseline.HourlyAggregate;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void forgetsHourlyAggregatesOlderThanEightDaysAndEwmaSeriesNotSeenForForgetAfter() {
        var db = RuleDatabase.migrated();
        Instant eightDaysAgo = NOW.minus(Duration.ofDays(8));
        db.jdbi().useHandle(handle -> {
            handle.attach(HourlyAggregateDao.class).add("series", List.of(
                    new HourlyAggregate(eightDaysAgo.minus(Duration.ofHours(1)), 1, 1),
                    new HourlyAggregate(eightDaysAgo, 2, 1),
                    new HourlyAggregate(NOW, 3, 1)), NOW);
            var ewma = handle.attach(EwmaDao.class);
            ewma.saveAll(List.of(EwmaStore.Learned.of("gone", "api", "memory_usage_ratio", EwmaState.first(0.5, NOW))),
                    NOW.minus(Duration.ofDays(3)));
            ewma.saveAll(List.of(EwmaStore.Learned.of("alive", "api", "memory_usage_ratio", EwmaState.first(0.5, NOW))),
                    NOW.minus(Duration.ofDays(1)));
        });

        new BaselineRetention(db.jdbi(), new BaselineProperties(null, EwmaBaselineSetting.DEFAULTS, Duration.ofDays(2)), Clock.fixed(NOW, ZoneOffset.UTC))
                .forgetOldBaselines();

        List<HourlyAggregate> hours = db.query(handle -> handle.attach(HourlyAggregateDao.class)
                .between("series", eightDaysAgo.minus(Duration.ofDays(1)), NOW));
        assertThat(hours).extracting(HourlyAggregate::hour).containsExactly(eightDaysAgo, NOW);
        List<String> kept = db.query(handle -> handle.createQuery("select series from baseline_ewma").mapTo(String.class).list());
        assertThat(kept).containsExactly("alive");
    }
}
